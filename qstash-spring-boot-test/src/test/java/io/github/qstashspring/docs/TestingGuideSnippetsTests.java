package io.github.qstashspring.docs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.tools.JavaFileObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles every {@code java} block of {@code docs/testing.md} against the real API (with
 * the order application of these tests in scope), so the guide cannot drift from the
 * code. A block that declares a type is compiled as a file; a block that starts with an
 * annotated method becomes a member of a class; any other block becomes the body of a
 * test method with {@code template}, {@code qstash} and {@code listeners} in scope.
 */
class TestingGuideSnippetsTests {

    private static final Pattern DECLARES_TYPE = Pattern.compile("^(class |record |@interface )", Pattern.MULTILINE);

    private static final String IMPORTS = """
            import java.lang.annotation.*;
            import java.net.URI;
            import java.net.http.*;
            import java.nio.charset.StandardCharsets;
            import java.time.*;
            import java.util.*;
            import com.github.tomakehurst.wiremock.WireMockServer;
            import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
            import io.github.qstashspring.broker.*;
            import io.github.qstashspring.broker.autoconfigure.*;
            import io.github.qstashspring.client.*;
            import io.github.qstashspring.signature.*;
            import io.github.qstashspring.test.*;
            import io.github.qstashspring.test.OrderTestApplication.*;
            import org.junit.jupiter.api.AfterAll;
            import org.junit.jupiter.api.BeforeEach;
            import org.junit.jupiter.api.Test;
            import org.springframework.beans.factory.ObjectProvider;
            import org.springframework.beans.factory.annotation.Autowired;
            import org.springframework.boot.test.context.*;
            import org.springframework.boot.test.web.server.LocalServerPort;
            import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
            import org.springframework.context.annotation.Bean;
            import org.springframework.http.MediaType;
            import org.springframework.test.context.*;
            import org.springframework.test.web.servlet.MockMvc;
            import org.springframework.web.bind.annotation.*;
            import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
            import static org.assertj.core.api.Assertions.assertThat;
            """;

    private static final String MOCK_MVC_IMPORTS = """
            import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
            import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;
            """;

    private static final String WIREMOCK_IMPORTS = """
            import static com.github.tomakehurst.wiremock.client.WireMock.*;
            """;

    @Test
    void everyJavaExampleOfTheTestingGuideCompiles(@TempDir Path output) {
        List<JavaFileObject> sources = new ArrayList<>();
        for (String block : JavaSnippets.blocksOf("testing.md")) {
            sources.add(source("Snippet" + sources.size(), block));
        }
        assertThat(sources).hasSizeGreaterThan(10);

        assertThat(JavaSnippets.compile(output, sources)).isEmpty();
    }

    private static JavaFileObject source(String className, String snippet) {
        String imports = IMPORTS + (snippet.contains("WireMockServer") ? WIREMOCK_IMPORTS : MOCK_MVC_IMPORTS);
        String code;
        if (DECLARES_TYPE.matcher(snippet).find()) {
            code = imports + snippet;
        }
        else if (snippet.startsWith("@")) {
            String field = snippet.contains("getObject()") ? "ObjectProvider<QStashOperations> qstash;"
                    : "QStashTestBroker qstash;";
            code = imports + "class " + className + " {\n " + field + "\n" + snippet + "\n}\n";
        }
        else {
            code = imports + "class " + className + " {\n void run(QStashOperations template, QStashTestBroker qstash, "
                    + "OrderListeners listeners) throws Exception {\n" + snippet + "\n }\n}\n";
        }
        return JavaSnippets.source(className, code);
    }

}

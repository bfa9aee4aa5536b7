package io.github.qstashspring.docs;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

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

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

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
    void everyJavaExampleOfTheTestingGuideCompiles(@TempDir Path output) throws IOException {
        String markdown = Files.readString(Path.of("..", "docs", "testing.md"), StandardCharsets.UTF_8);
        List<JavaFileObject> sources = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(markdown);
        while (matcher.find()) {
            sources.add(source("Snippet" + sources.size(), matcher.group(1)));
        }
        assertThat(sources).hasSizeGreaterThan(10);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", output.toString(), "-classpath", System.getProperty("java.class.path"),
                    "-proc:none", "--release", "17");
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null, sources).call();
            List<String> errors = diagnostics.getDiagnostics()
                .stream()
                .filter((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                .map((diagnostic) -> diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber() + ": "
                        + diagnostic.getMessage(null))
                .toList();
            assertThat(errors).isEmpty();
            assertThat(compiled).isTrue();
        }
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
        return new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

}

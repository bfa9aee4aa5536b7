package io.github.qstashspring.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaFileObject;

import io.github.qstashspring.docs.JavaSnippets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles every {@code java} code block of {@code docs/client.md} against the real API,
 * so the documentation cannot drift from the code. A block that declares a type is
 * compiled as a file; any other block becomes the body of a method with
 * {@code QStashOperations template} and {@code Object order} in scope.
 */
class DocumentationSnippetsTests {

    private static final String IMPORTS = """
            import java.time.*;
            import java.util.*;
            import io.github.qstashspring.client.*;
            import io.github.qstashspring.client.Queue;
            import io.github.qstashspring.autoconfigure.*;
            import org.springframework.context.annotation.*;
            import org.springframework.http.HttpMethod;
            import org.springframework.stereotype.Service;
            import tools.jackson.databind.json.JsonMapper;
            """;

    @Test
    void everyJavaExampleOfTheClientGuideCompiles(@TempDir Path output) {
        List<JavaFileObject> sources = new ArrayList<>();
        for (String block : JavaSnippets.blocksOf("client.md")) {
            sources.add(source("Snippet" + sources.size(), block));
        }
        assertThat(sources).hasSizeGreaterThan(15);

        assertThat(JavaSnippets.compile(output, sources)).isEmpty();
    }

    private static JavaFileObject source(String className, String snippet) {
        boolean declaresType = snippet.startsWith("@") || snippet.startsWith("class ") || snippet.startsWith("record ");
        String code = declaresType ? IMPORTS + snippet : IMPORTS + "class " + className
                + " {\n void run(QStashOperations template, Object order) throws Exception {\n" + snippet + "\n }\n}\n";
        return JavaSnippets.source(className, code);
    }

}

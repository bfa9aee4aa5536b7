package io.github.qstashspring.client;

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
 * Compiles every {@code java} code block of {@code docs/client.md} against the real API,
 * so the documentation cannot drift from the code. A block that declares a type is
 * compiled as a file; any other block becomes the body of a method with
 * {@code QStashOperations template} and {@code Object order} in scope.
 */
class DocumentationSnippetsTests {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

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
    void everyJavaExampleOfTheClientGuideCompiles(@TempDir Path output) throws IOException {
        String markdown = Files.readString(Path.of("..", "docs", "client.md"), StandardCharsets.UTF_8);
        List<JavaFileObject> sources = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(markdown);
        while (matcher.find()) {
            sources.add(source("Snippet" + sources.size(), matcher.group(1)));
        }
        assertThat(sources).hasSizeGreaterThan(15);

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
        boolean declaresType = snippet.startsWith("@") || snippet.startsWith("class ") || snippet.startsWith("record ");
        String code = declaresType ? IMPORTS + snippet : IMPORTS + "class " + className
                + " {\n void run(QStashOperations template, Object order) throws Exception {\n" + snippet + "\n }\n}\n";
        return new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

}

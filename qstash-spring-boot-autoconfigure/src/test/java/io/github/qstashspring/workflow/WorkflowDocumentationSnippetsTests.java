package io.github.qstashspring.workflow;

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
 * Compiles every {@code java} code block of {@code docs/workflows.md} against the real
 * API, with small stand-ins for the application types the examples use (orders, accounts,
 * mailers). A block that declares a type is compiled as a file; any other block becomes
 * the body of a method with a {@code WorkflowContext<Order> context}, a
 * {@code QStashOperations qstash} and the examples' other variables in scope.
 */
class WorkflowDocumentationSnippetsTests {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    private static final String IMPORTS = """
            import java.time.*;
            import java.util.*;
            import io.github.qstashspring.client.*;
            import io.github.qstashspring.listener.QStashNonRetryableException;
            import io.github.qstashspring.workflow.*;
            import org.springframework.stereotype.Component;
            """;

    private static final String STAND_INS = IMPORTS + """
            record Signup(String email) { }
            record Account(String id) { }
            record Confirmation(Instant at) { }
            record Welcome(Account account, boolean expired) {
                static Welcome expired(Account account) { return new Welcome(account, true); }
            }
            interface Accounts { Account create(Signup signup); void close(Account account); }
            interface Mailer { void confirm(Account account); Welcome welcome(Account account); }
            record Order(String id) { }
            record Quote(long cents) { }
            record Receipt(String id) { }
            record Stock(boolean available) { }
            record Score(boolean low) { }
            interface Inventory { Stock check(Order order); }
            interface Alerts { void raise(String id, int status, String message); }
            class StandIns { }
            """;

    @Test
    void everyJavaExampleOfTheWorkflowGuideCompiles(@TempDir Path output) throws IOException {
        String markdown = Files.readString(Path.of("..", "docs", "workflows.md"), StandardCharsets.UTF_8);
        List<JavaFileObject> sources = new ArrayList<>();
        sources.add(source("StandIns", STAND_INS));
        Matcher matcher = JAVA_BLOCK.matcher(markdown);
        while (matcher.find()) {
            sources.add(snippet("Snippet" + sources.size(), matcher.group(1)));
        }
        assertThat(sources).hasSizeGreaterThan(6);

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

    private static JavaFileObject snippet(String className, String snippet) {
        boolean declaresType = snippet.startsWith("@") || snippet.startsWith("class ") || snippet.startsWith("import ");
        return source(className, declaresType ? IMPORTS + snippet : IMPORTS + "class " + className
                + " {\n void run(WorkflowContext<Order> context, QStashOperations qstash, Order order, Signup signup,"
                + " String accountId, String apiKey, String fraudUrl, Inventory inventory) {\n" + snippet
                + "\n }\n}\n");
    }

    private static JavaFileObject source(String className, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

}

package io.github.qstashspring.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaFileObject;

import io.github.qstashspring.docs.JavaSnippets;
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
    void everyJavaExampleOfTheWorkflowGuideCompiles(@TempDir Path output) {
        List<JavaFileObject> sources = new ArrayList<>();
        sources.add(JavaSnippets.source("StandIns", STAND_INS));
        for (String block : JavaSnippets.blocksOf("workflows.md")) {
            sources.add(snippet("Snippet" + sources.size(), block));
        }
        assertThat(sources).hasSizeGreaterThan(6);

        assertThat(JavaSnippets.compile(output, sources)).isEmpty();
    }

    private static JavaFileObject snippet(String className, String snippet) {
        boolean declaresType = snippet.startsWith("@") || snippet.startsWith("class ") || snippet.startsWith("import ");
        return JavaSnippets.source(className, declaresType ? IMPORTS + snippet : IMPORTS + "class " + className
                + " {\n void run(WorkflowContext<Order> context, QStashOperations qstash, Order order, Signup signup,"
                + " String accountId, String apiKey, String fraudUrl, Inventory inventory) {\n" + snippet
                + "\n }\n}\n");
    }

}

package io.github.qstashspring.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * Compiles the {@code java} code blocks of a guide in {@code docs/} against the test
 * class path, so that the guides cannot drift from the code. Each guide's test decides
 * how a block becomes a compilation unit (a file as it is, a class member, a method
 * body); shared by the guides' tests of several modules (this module's test jar).
 */
public final class JavaSnippets {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    private JavaSnippets() {
    }

    /**
     * The {@code java} blocks of a guide.
     * @param guide the file name in the project's {@code docs/} folder
     * @return the blocks' code, in order
     */
    public static List<String> blocksOf(String guide) {
        try {
            String markdown = Files.readString(Path.of("..", "docs", guide), StandardCharsets.UTF_8);
            List<String> blocks = new ArrayList<>();
            Matcher matcher = JAVA_BLOCK.matcher(markdown);
            while (matcher.find()) {
                blocks.add(matcher.group(1));
            }
            return blocks;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A compilation unit held in memory.
     * @param className the class the code declares (names the unit in errors)
     * @param code the code
     * @return the unit
     */
    public static JavaFileObject source(String className, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    /**
     * Compiles units for Java 17 against the test class path, without annotation
     * processors.
     * @param output where the classes go
     * @param sources the units
     * @return the errors, each as {@code unit:line: message}; empty when all compiled
     */
    public static List<String> compile(Path output, List<JavaFileObject> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", output.toString(), "-classpath", System.getProperty("java.class.path"),
                    "-proc:none", "--release", "17");
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null, sources).call();
            List<String> errors = new ArrayList<>(diagnostics.getDiagnostics()
                .stream()
                .filter((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                .map((diagnostic) -> diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber() + ": "
                        + diagnostic.getMessage(null))
                .toList());
            if (!compiled && errors.isEmpty()) {
                errors.add("the compiler failed without an error diagnostic");
            }
            return errors;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}

package io.github.qstashspring.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The recommended command of docs/embedded-broker.md ("Fast start, small footprint"),
 * applied to any Spring Boot exec jar: extract it
 * ({@code java -Djarmode=tools -jar x.jar extract --destination dir}), train a class data
 * sharing archive
 * ({@code -XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh}), then start
 * with {@code -XX:SharedArchiveFile=app.jsa} and {@link #OPTIONS}.
 *
 * @param jar the extracted jar
 * @param archive the trained archive
 */
record StartRecipe(Path jar, Path archive) {

    /** The JVM options of the recommended command, besides the archive. */
    static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xms16m",
            "-Xmx128m");

    /**
     * Extracts a jar and trains its archive.
     * @param execJar the exec jar
     * @param directory where to extract it
     * @param trainingArgs the application's arguments of the training run
     * @return the recipe
     * @throws Exception when extracting or training fails
     */
    static StartRecipe prepare(Path execJar, Path directory, List<String> trainingArgs) throws Exception {
        run(directory.getParent(), List.of(java(), "-Djarmode=tools", "-jar", execJar.toString(), "extract",
                "--destination", directory.toString()));
        Path jar = directory.resolve(execJar.getFileName());
        Path archive = directory.resolve("app.jsa");
        List<String> training = new ArrayList<>(
                List.of(java(), "-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh"));
        training.addAll(OPTIONS);
        training.addAll(List.of("-jar", jar.toString()));
        training.addAll(trainingArgs);
        run(directory, training);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run of " + execJar + " wrote no " + archive);
        }
        return new StartRecipe(jar, archive);
    }

    /**
     * @return {@code java} and the JVM options of the recommended start
     */
    List<String> command() {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:SharedArchiveFile=" + this.archive));
        command.addAll(OPTIONS);
        return command;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(Path directory, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("recipe.log").toFile()))
            .start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("did not finish within 300 s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exited with " + process.exitValue() + ": " + command);
        }
    }

}

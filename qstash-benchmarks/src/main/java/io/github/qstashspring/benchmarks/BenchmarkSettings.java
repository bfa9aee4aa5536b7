package io.github.qstashspring.benchmarks;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What to run and for how long, from the command line ({@code --quick},
 * {@code --duration=30s}, {@code --concurrency=16}, {@code --only=verifier,e2e},
 * {@code --postgres-url=...}).
 *
 * @param quick whether this is a smoke run (short phases, fewer samples)
 * @param duration how long each sustained end-to-end throughput phase runs
 * @param referenceDuration how long each reference and overhead phase runs
 * @param concurrency concurrent publishers (and concurrency of the loopback reference)
 * @param latencySamples publish-to-delivery samples on the idle broker
 * @param cronTicks ticks of the cron lateness reference
 * @param brokerCronTicks measured ticks of the broker's cron lateness
 * @param pendingMessages pending messages of the standalone start measurement
 * @param postgresUrl the PostgreSQL JDBC URL, or {@code null} to skip PostgreSQL
 * @param only the sections to run, empty for all
 * @param databases the databases to run on ({@code h2-file}, {@code h2-memory},
 * {@code postgres}), empty for all
 */
public record BenchmarkSettings(boolean quick, Duration duration, Duration referenceDuration, int concurrency,
        int latencySamples, int cronTicks, int brokerCronTicks, int pendingMessages, @Nullable String postgresUrl,
        Set<String> only, Set<String> databases) {

    /** Every database. */
    public static final List<String> DATABASES = List.of("h2-file", "h2-memory", "postgres");

    /** Every section, in the order they run. */
    public static final List<String> SECTIONS = List.of("verifier", "reference", "e2e", "workflow", "paths", "cron",
            "listener", "template", "standalone");

    /**
     * Reads the settings from the arguments; {@code QSTASH_TEST_POSTGRES_URL} gives the
     * PostgreSQL URL.
     * @param args the command line
     * @return the settings
     * @throws IllegalArgumentException on an unknown argument
     */
    public static BenchmarkSettings parse(String[] args) {
        boolean quick = false;
        Duration duration = null;
        Integer concurrency = null;
        String postgres = System.getenv("QSTASH_TEST_POSTGRES_URL");
        Set<String> only = new LinkedHashSet<>();
        Set<String> databases = new LinkedHashSet<>();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            }
            else if (arg.startsWith("--duration=")) {
                duration = parseDuration(arg.substring("--duration=".length()));
            }
            else if (arg.startsWith("--concurrency=")) {
                concurrency = Integer.parseInt(arg.substring("--concurrency=".length()));
            }
            else if (arg.startsWith("--postgres-url=")) {
                postgres = arg.substring("--postgres-url=".length());
            }
            else if (arg.startsWith("--only=")) {
                for (String section : arg.substring("--only=".length()).split(",")) {
                    if (!SECTIONS.contains(section)) {
                        throw new IllegalArgumentException("unknown section '" + section + "'; sections: " + SECTIONS);
                    }
                    only.add(section);
                }
            }
            else if (arg.startsWith("--databases=")) {
                for (String database : arg.substring("--databases=".length()).split(",")) {
                    if (!DATABASES.contains(database)) {
                        throw new IllegalArgumentException(
                                "unknown database '" + database + "'; databases: " + DATABASES);
                    }
                    databases.add(database);
                }
            }
            else {
                throw new IllegalArgumentException("unknown argument '" + arg
                        + "'; use --quick, --duration=30s, --concurrency=16, --only=" + String.join(",", SECTIONS)
                        + ", --databases=" + String.join(",", DATABASES) + ", --postgres-url=jdbc:postgresql://...");
            }
        }
        Duration sustained = (duration != null) ? duration : Duration.ofSeconds(quick ? 5 : 30);
        Duration reference = Duration.ofSeconds(quick ? 2 : 5);
        return new BenchmarkSettings(quick, sustained, reference, (concurrency != null) ? concurrency : 16,
                quick ? 50 : 500, quick ? 5 : 20, quick ? 10 : 60, quick ? 2_000 : 10_000,
                (postgres != null && !postgres.isBlank()) ? postgres : null, only, databases);
    }

    /**
     * Whether a section runs.
     * @param section one of {@link #SECTIONS}
     * @return whether it was selected (all are when none was named)
     */
    public boolean runs(String section) {
        return this.only.isEmpty() || this.only.contains(section);
    }

    /**
     * Whether a database is measured.
     * @param database one of {@link #DATABASES}
     * @return whether it was selected (all are when none was named)
     */
    public boolean uses(String database) {
        return this.databases.isEmpty() || this.databases.contains(database);
    }

    private static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        if (value.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }
}

package io.github.qstashspring.benchmarks;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchmarkSettingsTests {

    @Test
    void fullModeByDefault() {
        BenchmarkSettings settings = BenchmarkSettings.parse(new String[0]);
        assertThat(settings.quick()).isFalse();
        assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.concurrency()).isEqualTo(16);
        assertThat(settings.pendingMessages()).isEqualTo(10_000);
        assertThat(settings.runs("e2e")).isTrue();
        assertThat(settings.uses("postgres")).isTrue();
    }

    @Test
    void quickModeWithSelectedSectionsAndDatabases() {
        BenchmarkSettings settings = BenchmarkSettings
            .parse(new String[] { "--quick", "--duration=1500ms", "--concurrency=4", "--only=e2e,cron",
                    "--databases=h2-memory", "--postgres-url=jdbc:postgresql://x/y" });
        assertThat(settings.quick()).isTrue();
        assertThat(settings.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.concurrency()).isEqualTo(4);
        assertThat(settings.runs("e2e")).isTrue();
        assertThat(settings.runs("verifier")).isFalse();
        assertThat(settings.uses("h2-memory")).isTrue();
        assertThat(settings.uses("h2-file")).isFalse();
        assertThat(settings.postgresUrl()).isEqualTo("jdbc:postgresql://x/y");
    }

    @Test
    void unknownArgumentsNameTheValidOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSettings.parse(new String[] { "--only=e3e" }))
            .withMessageContaining("unknown section 'e3e'")
            .withMessageContaining("verifier");
        assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkSettings.parse(new String[] { "--fast" }))
            .withMessageContaining("--quick");
    }

}

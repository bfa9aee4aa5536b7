package io.github.qstashspring.schedule;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScheduleCronTests {

    @ParameterizedTest(name = "[{0}] is valid")
    @CsvSource(delimiter = '|', textBlock = """
            * * * * *                               | * * * * *
            */5 * * * *                             | */5 * * * *
            0 6 * * 1-5                             | 0 6 * * 1-5
            0 0 1,15 * *                            | 0 0 1,15 * *
            '  0   6 * * *  '                       | 0 6 * * *
            CRON_TZ=America/New_York 0 4 * * *      | CRON_TZ=America/New_York 0 4 * * *
            CRON_TZ=UTC   30 2 * * 0                | CRON_TZ=UTC 30 2 * * 0
            """)
    void acceptsFiveFieldExpressionsAndNormalisesSpaces(String cron, String normalised) {
        assertThat(ScheduleCron.validate(cron)).isEqualTo(normalised);
    }

    @ParameterizedTest(name = "[{0}] is rejected: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                  | empty
            0 6 * *                             | but found 4
            0 0 6 * * *                         | but found 6
            @daily                              | but found 1
            CRON_TZ=UTC                         | but found 0
            60 * * * *                          | 60
            0 25 * * *                          | 25
            0 6 * 13 *                          | 13
            CRON_TZ=Mars/Olympus 0 6 * * *      | unknown time zone 'Mars/Olympus'
            """)
    void rejectsWhatQStashCannotRun(String cron, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> ScheduleCron.validate(cron))
            .withMessageContaining(reason);
    }

}

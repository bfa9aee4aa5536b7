package io.github.qstashspring.broker.delivery;

import io.github.qstashspring.broker.api.BrokerException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RetryDelayExpressionTests {

    @Test
    void evaluatesTheDocumentedExamples() {
        assertThat(RetryDelayExpression.parse("1000").delayMillis(3)).isEqualTo(1000);
        assertThat(RetryDelayExpression.parse("1000 * (1 + retried)").delayMillis(2)).isEqualTo(3000);
        assertThat(RetryDelayExpression.parse("pow(2, retried) * 1000").delayMillis(3)).isEqualTo(8000);
        assertThat(RetryDelayExpression.parse("max(1000, pow(2, retried) * 100)").delayMillis(0)).isEqualTo(1000);
        assertThat(RetryDelayExpression.parse("max(1000, pow(2, retried) * 100)").delayMillis(5)).isEqualTo(3200);
    }

    @Test
    void supportsEveryFunctionAndOperator() {
        assertThat(
                RetryDelayExpression.parse("sqrt(16) + abs(-2) + floor(1.7) + ceil(1.2) + round(2.5)").delayMillis(0))
            .isEqualTo(4 + 2 + 1 + 2 + 3);
        assertThat(RetryDelayExpression.parse("min(7, 9) - 10 / 5 + 7 % 4").delayMillis(0)).isEqualTo(8);
        assertThat(RetryDelayExpression.parse("exp(0) * 1000").delayMillis(0)).isEqualTo(1000);
        assertThat(RetryDelayExpression.parse("-retried * 5").delayMillis(3)).isZero();
    }

    @Test
    void rejectsAnythingOutsideTheGrammar() {
        for (String invalid : new String[] { "", "1000 *", "foo(1)", "pow(1)", "retried; 1", "System.exit(0)", "(1" }) {
            assertThatExceptionOfType(BrokerException.class).as(invalid)
                .isThrownBy(() -> RetryDelayExpression.parse(invalid))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(400));
        }
    }

}

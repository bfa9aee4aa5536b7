package io.github.qstashspring.workflow;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading histories as the official SDK reads them (its {@code processRawSteps},
 * {@code deduplicateSteps}, {@code checkIfLastOneIsDuplicate} and lazy-fetch filtering).
 */
class StepHistoryTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ArrayNode entries = JSON.createArrayNode();

    private StepHistoryTests add(String messageId, String body, String callType) {
        this.entries.addObject()
            .put("messageId", messageId)
            .put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)))
            .put("callType", callType);
        return this;
    }

    private static String step(int stepId, String name, int targetStep) {
        return "{\"stepId\":" + stepId + ",\"stepName\":\"" + name + "\",\"stepType\":\"Run\",\"out\":\"1\","
                + "\"concurrent\":2" + ((targetStep != 0) ? ",\"targetStep\":" + targetStep : "") + ",\"extra\":true}";
    }

    @Test
    void theFirstEntryIsThePayloadAndOnlyStepEntriesAreSteps() {
        add("m0", "{\"a\":\"é\"}", "step").add("m1", "{\"q\":1}", "toCallback")
            .add("m2", "{\"status\":200}", "fromCallback")
            .add("m3", step(1, "one", 0), "step");

        StepHistory history = StepHistory.of(this.entries, "m3", false);

        assertThat(history.initialPayload()).isEqualTo("{\"a\":\"é\"}");
        assertThat(history.steps()).extracting(Step::stepName).containsExactly("init", "one");
        assertThat(history.steps().get(1).out()).isEqualTo("1");
        assertThat(history.lastIsDuplicate()).isFalse();
    }

    @Test
    void duplicatesAreDroppedByStepIdAndPlansByTargetStep() {
        add("m0", "p", "step").add("m1", step(0, "a", 1), "step")
            .add("m2", step(0, "a", 1), "step")
            .add("m3", step(1, "a", 0), "step")
            .add("m4", step(1, "a", 0), "step");

        StepHistory history = StepHistory.of(this.entries, null, false);

        assertThat(history.steps()).extracting(Step::targetOrId).containsExactly(0, 1, 1);
        assertThat(history.lastIsDuplicate()).isTrue();
    }

    @Test
    void aFetchedHistoryIsCutAfterTheDeliveredMessage() {
        add("m0", "p", "step").add("m1", step(1, "one", 0), "step").add("m2", step(2, "two", 0), "step");

        StepHistory history = StepHistory.of(this.entries, "m1", true);

        assertThat(history.steps()).extracting(Step::stepName).containsExactly("init", "one");
    }

    @Test
    void aFetchedHistoryWithoutTheDeliveredMessageFails() {
        add("m0", "p", "step").add("m1", step(1, "one", 0), "step");

        assertThatExceptionOfType(WorkflowProtocolException.class)
            .isThrownBy(() -> StepHistory.of(this.entries, "m9", true))
            .withMessageContaining("m9");
    }

    @Test
    void aFetchedHistoryOfOneEntryIsTakenAsItIs() {
        add("other", "p", "step");

        assertThat(StepHistory.of(this.entries, "m9", true).initialPayload()).isEqualTo("p");
    }

    @Test
    void anOutThatIsNotTextIsKeptAsItsJson() {
        add("m0", "p", "step").add("m1", "{\"stepId\":1,\"stepName\":\"o\",\"stepType\":\"Run\",\"out\":{\"a\":1}}",
                "step");

        assertThat(StepHistory.of(this.entries, null, false).steps().get(1).out()).isEqualTo("{\"a\":1}");
    }

}

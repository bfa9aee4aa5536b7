package io.github.qstashspring.workflow;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One step of a run's history, decoded from its JSON: what the replay needs and nothing
 * else (unknown fields are ignored).
 *
 * @param stepId 1, 2, ... in execution order; 0 for the initial payload and for plans of
 * parallel steps
 * @param stepName the step name
 * @param stepType the step type ({@code Run}, {@code SleepFor}, ...)
 * @param out the step's output as text, {@code null} when it has none
 * @param concurrent how many steps ran in parallel with it
 * @param targetStep for a plan, the step id it plans; 0 otherwise
 * @param waitTimeout whether a wait ended by timing out
 */
record Step(int stepId, String stepName, String stepType, @Nullable String out, int concurrent, int targetStep,
        boolean waitTimeout) {

    static Step initial(String payload) {
        return new Step(0, "init", "Initial", payload, 1, 0, false);
    }

    /** Reads a step tolerantly: a non-text {@code out} is kept as its JSON text. */
    static Step of(JsonNode json) {
        JsonNode out = json.get("out");
        String outText = (out == null || out.isNull() || out.isMissingNode()) ? null
                : out.isString() ? out.asString() : out.toString();
        return new Step(json.path("stepId").asInt(0), json.path("stepName").asString(""),
                json.path("stepType").asString(""), outText, json.path("concurrent").asInt(1),
                json.path("targetStep").asInt(0), json.path("waitTimeout").asBoolean(false));
    }

    /** The step id a plan is for, or the step's own id. */
    int targetOrId() {
        return (this.targetStep != 0) ? this.targetStep : this.stepId;
    }

    boolean isPlan() {
        return this.targetStep != 0;
    }

}

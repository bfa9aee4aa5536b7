package io.github.qstashspring.workflow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The history a delivery carries, as the official SDK reads it: entry 0 is the initial
 * payload, the other entries of call type {@code step} are step results (call requests
 * and callbacks are skipped), duplicates are dropped, and a delivery whose last entry
 * repeats an earlier one is recognised.
 *
 * @param initialPayload the run's initial payload as text
 * @param steps the steps, the initial payload first, without duplicates
 * @param lastIsDuplicate whether the last entry repeats an earlier step (a retried
 * delivery that published its step twice)
 */
record StepHistory(String initialPayload, List<Step> steps, boolean lastIsDuplicate) {

    /**
     * Reads a history.
     * @param entries the JSON array of {@code {"messageId","body","callType"}} entries
     * @param messageId the delivery's message id: a fetched history is cut after it
     * @param fetched whether the history was fetched (lazily) instead of delivered
     */
    static StepHistory of(JsonNode entries, @Nullable String messageId, boolean fetched) {
        List<JsonNode> raw = new ArrayList<>();
        entries.forEach(raw::add);
        if (fetched && raw.size() > 1 && messageId != null) {
            raw = cutAfter(raw, messageId);
        }
        if (raw.isEmpty()) {
            throw new WorkflowProtocolException(
                    "The workflow history has no entries" + (fetched ? " up to message " + messageId : ""));
        }
        String payload = WorkflowJson.decodeBase64(raw.get(0).path("body").asString(""));
        List<Step> decoded = new ArrayList<>();
        decoded.add(Step.initial(payload));
        for (JsonNode entry : raw.subList(1, raw.size())) {
            if ("step".equals(entry.path("callType").asString("step"))) {
                decoded.add(
                        Step.of(WorkflowJson.readProtocol(WorkflowJson.decodeBase64(entry.path("body").asString("")))));
            }
        }
        return new StepHistory(payload, deduplicate(decoded), lastIsDuplicate(decoded));
    }

    private static List<JsonNode> cutAfter(List<JsonNode> entries, String messageId) {
        for (int i = 0; i < entries.size(); i++) {
            if (messageId.equals(entries.get(i).path("messageId").asString(null))) {
                return entries.subList(0, i + 1);
            }
        }
        return List.of();
    }

    private static boolean lastIsDuplicate(List<Step> steps) {
        if (steps.size() < 2) {
            return false;
        }
        Step last = steps.get(steps.size() - 1);
        for (Step step : steps.subList(0, steps.size() - 1)) {
            if (step.stepId() == last.stepId() && step.targetStep() == last.targetStep()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Keeps the first entry per step id, and for plans (step id 0) the first per target
     * step, the initial payload counting as target 0.
     */
    private static List<Step> deduplicate(List<Step> steps) {
        Set<Integer> stepIds = new HashSet<>();
        Set<Integer> targets = new HashSet<>();
        List<Step> result = new ArrayList<>();
        for (Step step : steps) {
            boolean first = (step.stepId() == 0) ? targets.add(step.targetStep()) : stepIds.add(step.stepId());
            if (first) {
                result.add(step);
            }
        }
        return result;
    }

}

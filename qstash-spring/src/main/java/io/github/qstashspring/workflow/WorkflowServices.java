package io.github.qstashspring.workflow;

import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

import io.github.qstashspring.client.QStashOperations;

/**
 * What every workflow endpoint shares: the QStash client, the JSON mappers, and the
 * QStash URL and token (for webhook URLs, which point at QStash and name the account).
 *
 * @param qstash the QStash client
 * @param json the JSON of the protocol and of user values
 * @param qstashUrl the base URL of the QStash API, without a trailing slash
 * @param token supplies the QStash token, read only to create webhooks
 */
record WorkflowServices(QStashOperations qstash, WorkflowJson json, String qstashUrl, Supplier<String> token) {

    /**
     * The URL a webhook of a run is called on:
     * {@code <QStash URL>/v2/workflows/hooks/<user id>/<run id>/<event id>}. The user id
     * is the {@code UserID} field of the token, which is base64 JSON.
     */
    String webhookUrl(String workflowRunId, String eventId) {
        return this.qstashUrl + "/v2/workflows/hooks/" + userId() + "/" + workflowRunId + "/" + eventId;
    }

    private String userId() {
        try {
            JsonNode token = WorkflowJson.readProtocol(WorkflowJson.decodeBase64(this.token.get()));
            String userId = token.path("UserID").asString("");
            if (userId.isEmpty()) {
                throw new WorkflowProtocolException("QStash token payload does not contain userId");
            }
            return userId;
        }
        catch (RuntimeException ex) {
            throw new WorkflowProtocolException(
                    "Failed to decode QStash token while running create webhook step: " + ex.getMessage(), ex);
        }
    }

}

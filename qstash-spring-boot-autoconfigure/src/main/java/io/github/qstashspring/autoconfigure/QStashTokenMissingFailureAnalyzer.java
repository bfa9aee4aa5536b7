package io.github.qstashspring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Tells a user who injected the QStash client without configuring a token which property
 * or environment variable to set.
 */
class QStashTokenMissingFailureAnalyzer extends AbstractFailureAnalyzer<QStashTokenMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, QStashTokenMissingException cause) {
        String description = "The QStash client (QStashOperations / QStashTemplate) is needed by the application, "
                + "but no QStash token is configured.";
        String action = """
                Set your QStash token (Upstash console, QStash tab) in one of these ways:
                    - the environment variable QSTASH_TOKEN
                    - the property 'qstash.token', e.g. in application.yaml:
                          qstash:
                            token: ${QSTASH_TOKEN}
                An application that only receives QStash messages needs no token (only
                QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY): then do not inject
                QStashOperations or QStashTemplate.""";
        return new FailureAnalysis(description, action, cause);
    }

}

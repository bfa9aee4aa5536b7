package io.github.qstashspring.workflow;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;

import io.github.qstashspring.listener.QStashPayloadConversionException;

/**
 * A run's initial payload: its text, converted to the workflow's payload type on first
 * use. A payload that cannot be converted fails the run without retries, unless the
 * payload is only a stand-in (the callback of a call step, as the official SDK passes it
 * while it checks the workflow before handling the callback): then it reads as
 * {@code null}.
 */
final class Payload<T> {

    private final String text;

    private final JavaType type;

    private final WorkflowJson json;

    private final boolean standIn;

    private boolean converted;

    private @Nullable T value;

    Payload(String text, JavaType type, WorkflowJson json, boolean standIn) {
        this.text = text;
        this.type = type;
        this.json = json;
        this.standIn = standIn;
    }

    String text() {
        return this.text;
    }

    /**
     * @return whether the payload only stands in for the run's payload (a call's
     * callback)
     */
    boolean isStandIn() {
        return this.standIn;
    }

    @Nullable T value() {
        if (!this.converted) {
            this.value = convert();
            this.converted = true;
        }
        return this.value;
    }

    private @Nullable T convert() {
        if (this.text.isEmpty()) {
            return null;
        }
        try {
            return this.json.read(this.text, this.type);
        }
        catch (JacksonException ex) {
            if (this.standIn) {
                return null;
            }
            throw new QStashPayloadConversionException("The workflow payload cannot be read as "
                    + this.type.getRawClass().getSimpleName() + ": " + ex.getOriginalMessage(), ex);
        }
    }

}

package io.github.qstashspring.observation;

import java.util.Locale;

import io.micrometer.common.KeyValues;

import io.github.qstashspring.client.QStashApiException;
import io.github.qstashspring.client.QStashConnectionException;
import io.github.qstashspring.client.QStashRateLimitException;
import io.github.qstashspring.observation.QStashClientObservationDocumentation.LowCardinalityKeys;

/**
 * The default naming of QStash API call observations: name
 * {@code qstash.client.requests}, contextual name {@code qstash <operation>},
 * low-cardinality keys operation, destination kind, outcome and status. Destination URLs
 * are deliberately not recorded: their query strings may carry secrets.
 */
public class DefaultQStashClientObservationConvention implements QStashClientObservationConvention {

    /** The observation (and timer) name. */
    public static final String NAME = "qstash.client.requests";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(QStashClientObservationContext context) {
        return "qstash " + context.getCall().operation();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(QStashClientObservationContext context) {
        Integer status = context.getStatus();
        return KeyValues.of(LowCardinalityKeys.OPERATION.withValue(context.getCall().operation()),
                LowCardinalityKeys.DESTINATION_KIND
                    .withValue(context.getCall().destinationKind().name().toLowerCase(Locale.ROOT)),
                LowCardinalityKeys.OUTCOME.withValue(outcome(context)),
                LowCardinalityKeys.STATUS.withValue((status != null) ? status.toString() : "NONE"));
    }

    /**
     * The outcome of the call.
     * @param context the context
     * @return SUCCESS, CLIENT_ERROR, RATE_LIMITED, SERVER_ERROR, NETWORK_ERROR or UNKNOWN
     */
    protected String outcome(QStashClientObservationContext context) {
        Throwable error = context.getError();
        if (error == null) {
            return (context.getStatus() != null) ? "SUCCESS" : "UNKNOWN";
        }
        if (error instanceof QStashRateLimitException) {
            return "RATE_LIMITED";
        }
        if (error instanceof QStashApiException api) {
            return (api.getStatus() >= 500) ? "SERVER_ERROR" : "CLIENT_ERROR";
        }
        if (error instanceof QStashConnectionException) {
            return "NETWORK_ERROR";
        }
        return "UNKNOWN";
    }

}

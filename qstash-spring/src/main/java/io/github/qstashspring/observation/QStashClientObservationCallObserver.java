package io.github.qstashspring.observation;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.github.qstashspring.client.QStashApiCall;
import io.github.qstashspring.client.QStashApiCallObserver;
import io.github.qstashspring.client.QStashApiException;
import io.github.qstashspring.client.QStashApiResponse;

/**
 * Wraps every QStash API call in an {@link Observation}
 * ({@link QStashClientObservationDocumentation#API_CALL}): started before the first
 * attempt, stopped after the answer or the last transport retry, with the error recorded
 * when the call failed.
 */
public final class QStashClientObservationCallObserver implements QStashApiCallObserver {

    private static final DefaultQStashClientObservationConvention DEFAULT_CONVENTION = new DefaultQStashClientObservationConvention();

    private final ObservationRegistry registry;

    private final @Nullable QStashClientObservationConvention customConvention;

    /**
     * Creates an observer.
     * @param registry where observations are recorded
     * @param customConvention a convention replacing the default one, or {@code null}
     */
    public QStashClientObservationCallObserver(ObservationRegistry registry,
            @Nullable QStashClientObservationConvention customConvention) {
        this.registry = registry;
        this.customConvention = customConvention;
    }

    @Override
    public QStashApiResponse observe(QStashApiCall call, Supplier<QStashApiResponse> execution) {
        QStashClientObservationContext context = new QStashClientObservationContext(call);
        Observation observation = QStashClientObservationDocumentation.API_CALL
            .observation(this.customConvention, DEFAULT_CONVENTION, () -> context, this.registry)
            .start();
        try (Observation.Scope scope = observation.openScope()) {
            QStashApiResponse response = execution.get();
            context.setStatus(response.status());
            return response;
        }
        catch (RuntimeException ex) {
            if (ex instanceof QStashApiException api) {
                context.setStatus(api.getStatus());
            }
            observation.error(ex);
            throw ex;
        }
        finally {
            observation.stop();
        }
    }

}

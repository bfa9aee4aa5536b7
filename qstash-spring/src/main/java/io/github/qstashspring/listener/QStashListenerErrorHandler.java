package io.github.qstashspring.listener;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Decides the HTTP answer to QStash when a {@link QStashListener} method throws or its
 * payload cannot be converted. The status is what QStash acts on: 2xx acknowledges (no
 * retry), {@code 489} with {@code Upstash-NonRetryable-Error: true} sends the message to
 * the DLQ without retrying, any other status makes QStash retry. Declare a bean of this
 * type to replace {@link #defaults()}; delegate to it for the cases you do not handle:
 *
 * <pre>{@code
 * &#64;Bean
 * QStashListenerErrorHandler errors() {
 *     return failure -> failure.exception() instanceof OrderAlreadyShippedException
 *             ? ResponseEntity.ok().build()
 *             : QStashListenerErrorHandler.defaults().handleError(failure);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface QStashListenerErrorHandler {

    /**
     * The status QStash treats as "do not retry" when sent with
     * {@link #NON_RETRYABLE_HEADER}.
     */
    int NON_RETRYABLE_STATUS = 489;

    /** The header that marks a {@value #NON_RETRYABLE_STATUS} answer as final. */
    String NON_RETRYABLE_HEADER = "Upstash-NonRetryable-Error";

    /**
     * Maps a failed delivery to the answer sent to QStash.
     * @param failure the delivery and what went wrong
     * @return the response; its body is written with Spring MVC's message converters
     */
    ResponseEntity<?> handleError(QStashListenerFailure failure);

    /**
     * The default mapping: a {@link QStashNonRetryableException} (including
     * {@link QStashPayloadConversionException}) answers {@code 489} with
     * {@code Upstash-NonRetryable-Error: true} and {@code {"error":"<message>"}};
     * anything else answers {@code 500} with {@code {"error":"Listener failed: <exception
     * type>"}} (the exception message is not sent, since QStash stores response bodies in
     * its logs).
     * @return the default handler
     */
    static QStashListenerErrorHandler defaults() {
        return (failure) -> {
            Throwable ex = failure.exception();
            if (ex instanceof QStashNonRetryableException nonRetryable) {
                return error(HttpStatusCode.valueOf(NON_RETRYABLE_STATUS), String.valueOf(nonRetryable.getMessage()),
                        true);
            }
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "Listener failed: " + ex.getClass().getSimpleName(), false);
        };
    }

    private static ResponseEntity<?> error(HttpStatusCode status, String message, boolean nonRetryable) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (nonRetryable) {
            builder.header(NON_RETRYABLE_HEADER, "true");
        }
        return builder.body(Map.of("error", message));
    }

}

package io.github.qstashspring.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;
import org.springframework.core.annotation.AliasFor;

/**
 * Exposes a bean method as the endpoint QStash delivers messages to. The method becomes a
 * {@code POST} route on Spring MVC at {@link #path()}; every request must carry a valid
 * {@code Upstash-Signature} computed over the raw body bytes, otherwise the answer is
 * {@code 401} and the method never runs.
 *
 * <p>
 * Parameters may be a record or POJO (read from JSON with the application's Jackson
 * mapper), {@code String}, {@code byte[]}, a Jackson {@code JsonNode},
 * {@link QStashMessage QStashMessage&lt;T&gt;} (payload plus delivery metadata),
 * {@link QStashCallbackPayload} (for callback and failure-callback URLs),
 * {@link org.springframework.http.HttpHeaders} or
 * {@link io.github.qstashspring.signature.QStashSignatureClaims}.
 *
 * <p>
 * On the wire: a normal return answers {@code 200} with the returned value (if any) as
 * the body, which QStash records in its logs and passes to callbacks; an exception
 * answers {@code 500} and QStash retries; a {@link QStashNonRetryableException}
 * (including a payload that cannot be converted) answers {@code 489} with
 * {@code Upstash-NonRetryable-Error: true} and QStash moves the message to the DLQ
 * without retrying.
 *
 * <pre>{@code
 * &#64;QStashListener(path = "${app.hooks}/orders")
 * void onOrder(QStashMessage<Order> message) { ... }
 * }</pre>
 *
 * <p>
 * Spring's AOT processing registers the hints a native image needs for every listener
 * method it finds on a bean: the method itself and the payload and return types Jackson
 * binds.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(QStashListenerReflectiveProcessor.class)
public @interface QStashListener {

    /**
     * Alias for {@link #path()}.
     * @return the path
     */
    @AliasFor("path")
    String value() default "";

    /**
     * The request path of the endpoint, relative to the servlet context, for example
     * {@code /qstash/orders}. {@code ${...}} placeholders are resolved.
     * @return the path
     */
    @AliasFor("value")
    String path() default "";

    /**
     * A name for this listener in logs, observations and the duplicate store. Defaults to
     * {@code SimpleClassName.methodName}.
     * @return the id, or empty for the default
     */
    String id() default "";

    /**
     * Whether a delivery whose {@code Upstash-Message-Id} this listener already processed
     * successfully is acknowledged with {@code 200} without running the method again
     * (QStash delivers at least once). The processed ids are kept in the
     * {@link QStashDuplicateStore} bean.
     * @return whether duplicates are skipped
     */
    boolean skipDuplicates() default false;

}

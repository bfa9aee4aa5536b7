package io.github.qstashspring.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires a valid {@code Upstash-Signature} on a hand-written Spring MVC handler method
 * (or on every handler method of a controller class). The signature is checked on the raw
 * request bytes, with the same keys, clock tolerance and URL rules as
 * {@link QStashListener}, before the method runs; a missing or invalid signature answers
 * {@code 401} with a JSON {@code {"error":"..."}} body. The body stays readable by the
 * controller ({@code @RequestBody String}, {@code @RequestBody byte[]}, a JSON-bound
 * object).
 *
 * <pre>{@code
 * &#64;QStashVerified
 * &#64;PostMapping("/webhooks/payments")
 * ResponseEntity<Void> payment(@RequestBody Payment payment) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface QStashVerified {

}

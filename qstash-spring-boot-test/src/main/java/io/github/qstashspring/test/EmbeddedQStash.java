package io.github.qstashspring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@code @SpringBootTest} against an embedded QStash broker started for its
 * application context:
 * <ul>
 * <li>the broker runs in-app ({@code qstash.embedded.enabled=true}) on a random free port
 * with a fresh in-memory H2 database, whatever {@code application.yml} says about
 * {@code qstash.embedded.port} and {@code qstash.embedded.database.url}, and listeners
 * check the signed URL against the URL a request arrived on even if
 * {@code qstash.listener.base-url} is set there (properties of the test itself, such as
 * {@code @SpringBootTest(properties = ...)}, still win);</li>
 * <li>the application's {@code QStashTemplate} and its listener verification point at it
 * (URL, token and signing keys through the {@code QStashConnectionDetails} bean), so
 * every delivery is signed and verified for real;</li>
 * <li>the broker reads time from a {@link io.github.qstashspring.broker.MutableClock}
 * that the test moves, so a retry backoff or a delay is reached without sleeping;</li>
 * <li>a {@link QStashTestBroker} bean is added for the test to inject, and in servlet
 * applications a filter that records every signed request and the status answered.</li>
 * </ul>
 * The annotation is part of the context's cache key like any other configuration: test
 * classes with the same configuration share one context and therefore one broker; classes
 * with different configurations each get their own, on their own port and database, so
 * they may run in parallel. Deliveries to the application itself need a running server
 * ({@code webEnvironment = RANDOM_PORT} or {@code DEFINED_PORT}).
 *
 * <pre>{@code
 * &#64;SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)

 * &#64;EmbeddedQStash
 * class OrderFlowTests {
 *
 *     &#64;Autowired QStashOperations template;
 *     &#64;Autowired QStashTestBroker qstash;
 *
 *
&#64;Test
 *     void orderIsConfirmed() {
 *         String id = template.publishJson(qstash.url("/qstash/orders"), new Order("42")).messageId();
 *         qstash.awaitDelivered(id);
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedQStash {

}

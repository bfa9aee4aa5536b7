package io.github.qstashspring.workflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Serves a bean method as an Upstash Workflow: the method takes a {@link WorkflowContext
 * WorkflowContext&lt;T&gt;} ({@code T} is the payload type) and becomes a {@code POST}
 * route on Spring MVC at {@link #path()}, speaking the protocol of the official
 * TypeScript SDK {@code @upstash/workflow} 1.3.3, so runs can be started by any Upstash
 * Workflow client and served by either SDK. Every request must carry a valid
 * {@code Upstash-Signature}, as for a {@code @QStashListener}.
 *
 * <pre>{@code
 * &#64;QStashWorkflow(path = "/workflows/onboarding", retries = "5", failureHandler = "onboardingFailed")
 * Receipt onboard(WorkflowContext<Signup> context) {
 *     Signup signup = context.requestPayload();
 *     Account account = context.run("create-account", Account.class, () -> accounts.create(signup));
 *     context.sleep("wait-a-day", Duration.ofDays(1));
 *     WaitResult<Confirmation> confirmed = context.waitForEvent("confirmed", "confirm-" + account.id(),
 *             Duration.ofDays(7), Confirmation.class);
 *     return context.run("welcome", Receipt.class, () -> mail.welcome(account, confirmed.timedOut()));
 * }
 *
 * String onboardingFailed(WorkflowFailure<Signup> failure) {
 *     alerts.send("Onboarding failed: " + failure.failResponse());
 *     return "alerted";
 * }
 * }</pre>
 *
 * The method's return value is the run's result (JSON). String attributes resolve
 * {@code ${...}} placeholders. The run options ({@link #retries()},
 * {@link #retryDelay()}, flow control, {@link #labels()}, {@link #failureUrl()}) apply to
 * the runs the endpoint starts itself, when it is called without workflow headers (a
 * direct or scheduled {@code POST}); a run started with
 * {@code qstash.workflows().trigger(...)} has the trigger's options.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface QStashWorkflow {

    /**
     * Alias for {@link #path()}.
     * @return the path
     */
    @AliasFor("path")
    String value() default "";

    /**
     * The request path of the workflow, relative to the servlet context, for example
     * {@code /workflows/onboarding}.
     * @return the path
     */
    @AliasFor("value")
    String path() default "";

    /**
     * A name for this workflow in logs. Defaults to {@code SimpleClassName.methodName}.
     * @return the id, or empty for the default
     */
    String id() default "";

    /**
     * The name of a method of the same bean that runs when a run fails (after its
     * retries, or at once for a non-retryable error): it takes a {@link WorkflowFailure}
     * and may return a result, which QStash records. Runs the endpoint starts then send
     * their failure callback to the workflow URL. Empty for none.
     * @return the method name
     */
    String failureHandler() default "";

    /**
     * The URL QStash calls when a run the endpoint started fails, instead of the failure
     * handler.
     * @return the URL, or empty for none
     */
    String failureUrl() default "";

    /**
     * Retries of each step ({@code Upstash-Retries}); empty for QStash's default (3).
     * @return the number, as text
     */
    String retries() default "";

    /**
     * Delay before each retry, a QStash expression in milliseconds using {@code retried}
     * ({@code Upstash-Retry-Delay}), for example {@code "1000 * pow(2, retried)"}.
     * @return the expression, or empty for QStash's backoff
     */
    String retryDelay() default "";

    /**
     * Flow-control key of the run's steps ({@code Upstash-Flow-Control-Key}); letters,
     * digits, {@code -}, {@code _} and {@code .}.
     * @return the key, or empty for none
     */
    String flowControlKey() default "";

    /**
     * The limits of {@link #flowControlKey()} in QStash's notation, for example
     * {@code "parallelism=2, rate=10, period=60s"}.
     * @return the limits
     */
    String flowControlValue() default "";

    /**
     * Labels added to the runs the endpoint starts, for filtering logs, the DLQ and
     * cancels.
     * @return the labels
     */
    String[] labels() default {};

}

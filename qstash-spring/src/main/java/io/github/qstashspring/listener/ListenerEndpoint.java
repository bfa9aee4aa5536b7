package io.github.qstashspring.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ReflectionUtils;

import io.github.qstashspring.observation.DefaultQStashListenerObservationConvention;
import io.github.qstashspring.observation.QStashListenerObservationConvention;
import io.github.qstashspring.observation.QStashReceiveContext;
import io.github.qstashspring.observation.QStashReceiveOutcome;
import io.github.qstashspring.signature.QStashSignatureClaims;
import io.github.qstashspring.signature.QStashSignatureException;
import io.github.qstashspring.signature.QStashSignatureVerifier;

/**
 * The Spring MVC handler of one {@link QStashListener} method: reads the raw body,
 * verifies it, skips duplicates, binds the arguments, invokes the method and maps the
 * outcome to a status.
 */
final class ListenerEndpoint {

    /** The handler method registered on Spring MVC. */
    static final Method HANDLE = ReflectionUtils.findMethod(ListenerEndpoint.class, "handle", HttpServletRequest.class);

    private static final Log logger = LogFactory.getLog(ListenerEndpoint.class);

    private static final MediaType TEXT_UTF8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private static final QStashListenerObservationConvention DEFAULT_CONVENTION = new DefaultQStashListenerObservationConvention();

    private final String id;

    private final String path;

    private final Object bean;

    private final Method method;

    private final Method invocable;

    private final boolean skipDuplicates;

    private final ArgumentBinder[] binders;

    private final ListenerCollaborators collaborators;

    ListenerEndpoint(String id, String path, Object bean, Method method, boolean skipDuplicates,
            ArgumentBinder[] binders, ListenerCollaborators collaborators) {
        this.id = id;
        this.path = path;
        this.bean = bean;
        this.method = method;
        this.invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        ReflectionUtils.makeAccessible(this.invocable);
        this.skipDuplicates = skipDuplicates;
        this.binders = binders;
        this.collaborators = collaborators;
    }

    /**
     * Handles one delivery. Declared to return {@code ResponseEntity<Object>}, not
     * {@code ResponseEntity<?>}: Spring MVC resolves the return type's generic on every
     * request, and hashing a wildcard type for its type cache is several times dearer
     * than hashing a class.
     * @param request the request
     * @return the response for QStash
     */
    @SuppressWarnings("unchecked")
    ResponseEntity<Object> handle(HttpServletRequest request) {
        QStashReceiveContext context = new QStashReceiveContext(this.id, this.path);
        ObservationRegistry registry = this.collaborators.observationRegistry();
        return Observation
            .createNotStarted(this.collaborators.observationConvention(), DEFAULT_CONVENTION, () -> context, registry)
            .observe(() -> {
                ResponseEntity<?> response = process(request, context);
                context.setStatus(response.getStatusCode().value());
                return (ResponseEntity<Object>) response;
            });
    }

    private ResponseEntity<?> process(HttpServletRequest request, QStashReceiveContext context) {
        byte[] body;
        try {
            body = readBody(request);
        }
        catch (RawBody.TooLargeException ex) {
            SignatureRejection.reject("listener " + this.id, ex.getMessage());
            context.setOutcome(QStashReceiveOutcome.RETRY);
            return ResponseEntity.status(RawBody.TOO_LARGE_STATUS)
                .contentType(MediaType.APPLICATION_JSON)
                .body(RawBody.tooLargeJson(this.collaborators.maxBodySize()).getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read the request body", ex);
        }
        QStashSignatureClaims claims;
        try {
            claims = this.collaborators.requestVerifier().verify(request, body);
        }
        catch (QStashSignatureException ex) {
            context.setOutcome(QStashReceiveOutcome.REJECTED);
            return ResponseEntity.status(SignatureRejection.STATUS)
                .contentType(MediaType.APPLICATION_JSON)
                .body(SignatureRejection.body("listener " + this.id, ex));
        }
        Delivery delivery = new Delivery(request, body, claims);
        String messageId = delivery.messageId();
        context.setMessageId(messageId);
        context.setRetried(delivery.retried());
        boolean guarded = this.skipDuplicates && messageId != null;
        if (guarded && !this.collaborators.duplicateStore().tryClaim(this.id, messageId)) {
            return answerDuplicate(messageId, context);
        }
        boolean processed = false;
        try {
            ResponseEntity<?> response;
            try {
                response = toResponse(invoke(delivery));
            }
            catch (Exception ex) {
                context.setError(ex);
                response = this.collaborators.errorHandler()
                    .handleError(new QStashListenerFailure(this.id, this.method, delivery.message(), ex));
                log(delivery, ex, response);
            }
            QStashReceiveOutcome outcome = outcomeOf(response);
            context.setOutcome(outcome);
            if (guarded && outcome == QStashReceiveOutcome.SUCCESS) {
                this.collaborators.duplicateStore().markProcessed(this.id, messageId);
                processed = true;
            }
            return response;
        }
        finally {
            if (guarded && !processed) {
                this.collaborators.duplicateStore().release(this.id, messageId);
            }
        }
    }

    /**
     * A processed message is acknowledged ({@code 200}); one whose other delivery is
     * still running is answered {@code 409}, which QStash retries: acknowledging it would
     * lose the message if that delivery fails.
     */
    private ResponseEntity<?> answerDuplicate(String messageId, QStashReceiveContext context) {
        if (this.collaborators.duplicateStore().isProcessed(this.id, messageId)) {
            context.setOutcome(QStashReceiveOutcome.DUPLICATE);
            return ResponseEntity.ok().build();
        }
        context.setOutcome(QStashReceiveOutcome.RETRY);
        return ResponseEntity.status(HttpStatus.CONFLICT)
            .contentType(MediaType.APPLICATION_JSON)
            .body(("{\"error\":\"Another delivery of this message is running\"}").getBytes(StandardCharsets.UTF_8));
    }

    private @Nullable Object invoke(Delivery delivery) throws Exception {
        Object[] args = new Object[this.binders.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = this.binders[i].bind(delivery);
        }
        try {
            return this.invocable.invoke(this.bean, args);
        }
        catch (InvocationTargetException ex) {
            Throwable target = ex.getTargetException();
            if (target instanceof Exception exception) {
                throw exception;
            }
            if (target instanceof Error error) {
                throw error;
            }
            throw ex;
        }
    }

    /**
     * The answer to a normal return. The content type is fixed by the value's type, not
     * negotiated: the method already ran, so an {@code Accept} header must not turn its
     * success into a 406 that QStash would retry.
     */
    private static ResponseEntity<?> toResponse(@Nullable Object result) {
        if (result instanceof ResponseEntity<?> entity) {
            return entity;
        }
        if (result == null) {
            return ResponseEntity.ok().build();
        }
        MediaType contentType = (result instanceof String) ? TEXT_UTF8
                : (result instanceof byte[]) ? MediaType.APPLICATION_OCTET_STREAM : MediaType.APPLICATION_JSON;
        return ResponseEntity.ok().contentType(contentType).body(result);
    }

    private static QStashReceiveOutcome outcomeOf(ResponseEntity<?> response) {
        int status = response.getStatusCode().value();
        if (status >= 200 && status < 300) {
            return QStashReceiveOutcome.SUCCESS;
        }
        return (status == QStashListenerErrorHandler.NON_RETRYABLE_STATUS) ? QStashReceiveOutcome.NON_RETRYABLE
                : QStashReceiveOutcome.RETRY;
    }

    private void log(Delivery delivery, Exception ex, ResponseEntity<?> response) {
        if (logger.isWarnEnabled()) {
            String message = "QStash listener " + this.id + " failed for message " + delivery.messageId() + " (retried "
                    + delivery.retried() + "), answering " + response.getStatusCode().value();
            if (ex instanceof QStashNonRetryableException) {
                logger.warn(message + ": " + ex.getMessage());
            }
            else {
                logger.warn(message, ex);
            }
        }
    }

    private byte[] readBody(HttpServletRequest request) throws IOException {
        if (request.getHeader(QStashSignatureVerifier.SIGNATURE_HEADER) == null) {
            return new byte[0];
        }
        return RawBody.of(request, this.collaborators.maxBodySize());
    }

    String id() {
        return this.id;
    }

    String path() {
        return this.path;
    }

}

package io.github.qstashspring.listener;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.WebUtils;

import io.github.qstashspring.signature.QStashSignatureException;
import io.github.qstashspring.signature.QStashSignatureVerifier;

/**
 * Verifies the {@code Upstash-Signature} before a {@link QStashVerified} handler method
 * runs; answers {@code 401} with {@code {"error":"Invalid Upstash-Signature: <check>"}}
 * and stops the request when it does not verify. The raw body comes from the
 * {@link QStashRawBodyFilter}, so the controller can still read it. Other handlers are
 * not affected. Whether a handler is annotated is looked up once per handler method and
 * bean type, not on every request.
 */
public final class QStashVerifiedInterceptor implements HandlerInterceptor {

    private final QStashRequestVerifier requestVerifier;

    private final Map<Method, Boolean> verifiedMethods = new ConcurrentHashMap<>();

    private final Map<Class<?>, Boolean> verifiedTypes = new ConcurrentHashMap<>();

    /**
     * Creates the interceptor.
     * @param requestVerifier verifies the signature and URL
     */
    public QStashVerifiedInterceptor(QStashRequestVerifier requestVerifier) {
        this.requestVerifier = requestVerifier;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method) || !isVerified(method)) {
            return true;
        }
        try {
            this.requestVerifier.verify(request, rawBody(request));
            return true;
        }
        catch (QStashSignatureException ex) {
            response.setStatus(SignatureRejection.STATUS);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(SignatureRejection.body(request.getRequestURI(), ex));
            return false;
        }
    }

    private boolean isVerified(HandlerMethod handler) {
        return lookUp(this.verifiedMethods, handler.getMethod(),
                (method) -> handler.hasMethodAnnotation(QStashVerified.class))
                || lookUp(this.verifiedTypes, handler.getBeanType(),
                        (type) -> AnnotatedElementUtils.hasAnnotation(type, QStashVerified.class));
    }

    private static <K> boolean lookUp(Map<K, Boolean> cache, K key, Predicate<K> annotated) {
        Boolean cached = cache.get(key);
        if (cached == null) {
            cached = annotated.test(key);
            cache.put(key, cached);
        }
        return cached;
    }

    private static byte[] rawBody(HttpServletRequest request) {
        CachedBodyRequest cached = WebUtils.getNativeRequest(request, CachedBodyRequest.class);
        if (cached != null) {
            return cached.body();
        }
        if (request.getHeader(QStashSignatureVerifier.SIGNATURE_HEADER) == null) {
            return new byte[0];
        }
        throw new IllegalStateException("A signed request reached a @QStashVerified handler without its raw body: "
                + "register QStashRawBodyFilter (the auto-configuration does) before other filters");
    }

}

package io.github.qstashspring.listener;

import java.io.IOException;

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
 * Verifies the {@code Upstash-Signature} before a {@link QStashVerified} handler method runs;
 * answers {@code 401} with {@code {"error":"Invalid Upstash-Signature: <check>"}} and stops the
 * request when it does not verify. The raw body comes from the {@link QStashRawBodyFilter}, so
 * the controller can still read it. Other handlers are not affected.
 */
public final class QStashVerifiedInterceptor implements HandlerInterceptor {

    private final QStashRequestVerifier requestVerifier;

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

    private static boolean isVerified(HandlerMethod method) {
        return method.hasMethodAnnotation(QStashVerified.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), QStashVerified.class);
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

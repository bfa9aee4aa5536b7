package io.github.qstashspring.listener;

import java.io.IOException;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

import io.github.qstashspring.signature.QStashSignatureVerifier;

/**
 * Reads the body of every request to a QStash-verified handler (a listener, a
 * {@code @QStashWorkflow} or a {@link QStashVerified} controller) that carries an
 * {@code Upstash-Signature} header into memory, raw, before any other filter can consume
 * it (a form post whose parameters another filter reads would otherwise arrive empty),
 * and serves it again to every reader. This keeps the bytes the signature was computed
 * over intact for {@link QStashListener} endpoints and lets {@link QStashVerified}
 * controllers read the body after it was verified. Bodies above the maximum size are
 * answered {@code 413}. Runs early ({@link #ORDER}); other requests pass untouched, so a
 * signature header on any other path makes nothing buffered.
 */
public final class QStashRawBodyFilter extends OncePerRequestFilter implements Ordered {

    /** The filter's order: just after the highest-precedence request wrappers. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final long maxBodySize;

    private final Predicate<HttpServletRequest> verifiedHandler;

    /**
     * Creates the filter.
     * @param maxBodySize the largest body accepted, in bytes; larger signed requests are
     * answered {@code 413} with a JSON error
     * @param verifiedHandler whether a request goes to a QStash-verified handler (for
     * example {@link QStashListenerRegistry#matches})
     */
    public QStashRawBodyFilter(long maxBodySize, Predicate<HttpServletRequest> verifiedHandler) {
        this.maxBodySize = maxBodySize;
        this.verifiedHandler = verifiedHandler;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(QStashSignatureVerifier.SIGNATURE_HEADER) == null
                || !this.verifiedHandler.test(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (WebUtils.getNativeRequest(request, CachedBodyRequest.class) != null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = RawBody.read(request, this.maxBodySize);
        }
        catch (RawBody.TooLargeException ex) {
            SignatureRejection.reject(request.getRequestURI(), ex.getMessage());
            response.setStatus(RawBody.TOO_LARGE_STATUS);
            response.setContentType(RawBody.contentType());
            response.getWriter().write(RawBody.tooLargeJson(this.maxBodySize));
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

}

package io.github.qstashspring.test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.listener.QStashRawBodyFilter;
import io.github.qstashspring.signature.QStashSignatureVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Records every request that carries an {@code Upstash-Signature} header, with its raw
 * body and the status answered, for {@link QStashTestBroker#received()}. Runs right after
 * {@link QStashRawBodyFilter}, reads the (already size-checked) body once and serves the
 * same bytes to the rest of the chain, so verification sees exactly what arrived.
 */
final class DeliveryRecordingFilter extends OncePerRequestFilter implements Ordered {

    private final DeliveryRecorder recorder;

    DeliveryRecordingFilter(DeliveryRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(QStashSignatureVerifier.SIGNATURE_HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new BodyRequest(request, body), answer);
        }
        finally {
            byte[] responseBody = answer.getContentAsByteArray();
            answer.copyBodyToResponse();
            this.recorder.record(new ReceivedDelivery(path(request), request.getQueryString(),
                    request.getHeader("Upstash-Message-Id"), retried(request), headers(request), body,
                    answer.getStatus(), responseBody));
        }
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return (!contextPath.isEmpty() && uri.startsWith(contextPath)) ? uri.substring(contextPath.length()) : uri;
    }

    private static int retried(HttpServletRequest request) {
        String value = request.getHeader("Upstash-Retried");
        try {
            return (value != null) ? Integer.parseInt(value.trim()) : 0;
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, List.copyOf(Collections.list(request.getHeaders(name))));
        }
        return Collections.unmodifiableMap(headers);
    }

    @Override
    public int getOrder() {
        return QStashRawBodyFilter.ORDER + 1;
    }

    /**
     * Serves the recorded bytes again; parameters still come from the wrapped request.
     */
    private static final class BodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(this.body);
            return new ServletInputStream() {

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body was already read into memory");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

    }

}

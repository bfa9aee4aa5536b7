package io.github.qstashspring.listener;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A request whose body was read once, raw, and is served again from memory to every
 * caller of {@link #getInputStream()} or {@link #getReader()}. For form posts the
 * parameters are parsed from the same bytes (after those of the query string), since the
 * container can no longer read them from the consumed stream.
 */
final class CachedBodyRequest extends HttpServletRequestWrapper {

    private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

    private final byte[] body;

    private @Nullable Map<String, String[]> parameters;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    @Override
    public @Nullable String getParameter(String name) {
        String[] values = getParameterMap().get(name);
        return (values != null && values.length > 0) ? values[0] : null;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public String @Nullable [] getParameterValues(String name) {
        return getParameterMap().get(name);
    }

    @Override
    public synchronized Map<String, String[]> getParameterMap() {
        if (this.parameters == null) {
            this.parameters = parseParameters();
        }
        return this.parameters;
    }

    private Map<String, String[]> parseParameters() {
        String contentType = getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM_CONTENT_TYPE)) {
            return super.getParameterMap();
        }
        Map<String, List<String>> merged = new LinkedHashMap<>();
        String query = getQueryString();
        if (query != null) {
            addPairs(query, StandardCharsets.UTF_8, merged);
        }
        addPairs(new String(this.body, StandardCharsets.ISO_8859_1), charset(), merged);
        Map<String, String[]> result = new LinkedHashMap<>();
        merged.forEach((name, values) -> result.put(name, values.toArray(String[]::new)));
        return Collections.unmodifiableMap(result);
    }

    private static void addPairs(String encoded, Charset charset, Map<String, List<String>> into) {
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = (equals < 0) ? pair : pair.substring(0, equals);
            String value = (equals < 0) ? "" : pair.substring(equals + 1);
            into.computeIfAbsent(URLDecoder.decode(name, charset), (key) -> new ArrayList<>())
                .add(URLDecoder.decode(value, charset));
        }
    }

    private Charset charset() {
        String encoding = getCharacterEncoding();
        return (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
    }

    byte[] body() {
        return this.body;
    }

    @Override
    public ServletInputStream getInputStream() {
        return new BytesInputStream(this.body);
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
    }

    private static final class BytesInputStream extends ServletInputStream {

        private final ByteArrayInputStream delegate;

        BytesInputStream(byte[] body) {
            this.delegate = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return this.delegate.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return this.delegate.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return this.delegate.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("The body was already read into memory");
        }

    }

}

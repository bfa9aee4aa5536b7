package io.github.qstashspring.broker.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes HTTP/1.1 requests to a socket byte for byte, so that no client normalises what a
 * test sends: the request target, the {@code Host} header, header names and values.
 */
public final class RawHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RawHttp() {
    }

    /**
     * Sends one request without a body ({@code Host: 127.0.0.1} unless a {@code Host}
     * header is given) and reads the response to the end.
     * @param port the broker's port
     * @param method the method
     * @param target the request target, exactly as sent
     * @param headers header lines ({@code Name: value}), exactly as sent
     * @return the response
     * @throws IOException when the connection fails
     */
    public static Response request(int port, String method, String target, String... headers) throws IOException {
        return request(port, method, target, new byte[0], headers);
    }

    /**
     * Sends one request with a body ({@code Content-Length}; {@code Host: 127.0.0.1}
     * unless a {@code Host} header is given) and reads the response to the end.
     * @param port the broker's port
     * @param method the method
     * @param target the request target, exactly as sent
     * @param body the body
     * @param headers header lines ({@code Name: value}), exactly as sent
     * @return the response
     * @throws IOException when the connection fails
     */
    public static Response request(int port, String method, String target, byte[] body, String... headers)
            throws IOException {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        boolean host = false;
        for (String header : headers) {
            host |= header.regionMatches(true, 0, "Host:", 0, 5);
            head.append(header).append("\r\n");
        }
        if (!host) {
            head.append("Host: 127.0.0.1\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        return exchange(port, request.toByteArray());
    }

    /**
     * Sends bytes as they are and reads the response to the end.
     * @param port the broker's port
     * @param request the whole request
     * @return the response
     * @throws IOException when the connection fails
     */
    public static Response exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            return Response.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * A response.
     *
     * @param status the status
     * @param headers the headers, lower-case names
     * @param body the body (unchunked)
     */
    public record Response(int status, Map<String, String> headers, String body) {

        static Response parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }

        private static String unchunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int position = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", position);
                int size = Integer.parseInt(chunked.substring(position, lineEnd).trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                position = lineEnd + 2 + size + 2;
            }
        }

        /**
         * @param name a header name, any case
         * @return its value, or an empty string
         */
        public String header(String name) {
            String value = this.headers.get(name.toLowerCase(Locale.ROOT));
            return (value != null) ? value : "";
        }

        /**
         * @return the body as JSON
         */
        public JsonNode json() {
            return JSON.readTree(this.body);
        }

    }

}

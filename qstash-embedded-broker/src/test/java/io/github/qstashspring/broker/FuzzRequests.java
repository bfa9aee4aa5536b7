package io.github.qstashspring.broker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * Random requests for {@link ApiFuzzTests}, all drawn from one seeded {@link Random}, so
 * that a seed names a run: chaos (any method, any path of the route table or junk, any
 * headers and bodies) and well-formed requests that publish, enqueue, schedule, batch or
 * fill a URL group, either within every limit or with exactly one value past one.
 */
final class FuzzRequests {

    static final String DESTINATION = "http://127.0.0.1:9/fuzz";

    static final int MAX_BATCH_MESSAGES = 5;

    static final int MAX_URL_GROUP_ENDPOINTS = 3;

    private static final long DAY = 86_400;

    private static final long MAX_DELAY_SECONDS = 365 * DAY;

    private static final long MAX_TIMEOUT_SECONDS = 15 * 60;

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
            "TRACE", "FUZZ");

    private static final List<String> SUFFIXES = List.of("", "/", "/x", "/msg_123", "/q1", "/q1/pause", "/q1/resume",
            "/k/pin", "/k/unpin", "/k/reset", "/endpoints", "/rotate", "/scd_1", "/scd_1/pause", "/g1/endpoints",
            "/" + DESTINATION, "/q1/" + DESTINATION, "/%2e%2e/keys", "/%00", "/%ZZ", "/%C3%A9", "//", "/a%2Fb",
            "/" + "x".repeat(300));

    private static final List<String> JUNK_PATHS = List.of("/", "/v2", "/v2/", "/v1/publish/" + DESTINATION,
            "/dashboard/../v2/logs", "/V2/PUBLISH/" + DESTINATION, "/v2/%70ublish/" + DESTINATION, "/favicon.ico");

    private static final List<String> CHAOS_HEADERS = List.of("Upstash-Delay", "Upstash-Not-Before", "Upstash-Retries",
            "Upstash-Retry-Delay", "Upstash-Timeout", "Upstash-Method", "Upstash-Callback", "Upstash-Failure-Callback",
            "Upstash-Callback-Timeout", "Upstash-Flow-Control-Key", "Upstash-Flow-Control-Value", "Upstash-Cron",
            "Upstash-Deduplication-Id", "Upstash-Content-Based-Deduplication", "Upstash-Label", "Upstash-Redact-Fields",
            "Upstash-Header-Forward", "Upstash-Forward-X", "Content-Type", "Origin", "Sec-Fetch-Site");

    private final Random random;

    private final List<String> routes;

    private final Instant now;

    private int groups;

    FuzzRequests(Random random, List<String> routes, Instant now) {
        this.random = random;
        this.routes = routes;
        this.now = now;
    }

    /**
     * @return a request of any shape
     */
    Request chaos() {
        String method = pick(METHODS);
        String path = (this.random.nextInt(8) == 0) ? pick(JUNK_PATHS) : "/v2/" + pick(this.routes) + pick(SUFFIXES);
        if (this.random.nextBoolean()) {
            path += "?" + chaosQuery();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = this.random.nextInt(5); i > 0; i--) {
            headers.put(pick(CHAOS_HEADERS), junkValue());
        }
        byte[] body = switch (this.random.nextInt(5)) {
            case 0 -> new byte[0];
            case 1 -> junkText().getBytes(StandardCharsets.UTF_8);
            case 2 -> ("{\"queueName\":" + jsonValue() + ",\"parallelism\":" + jsonValue() + ",\"endpoints\":"
                    + jsonValue() + ",\"dlqIds\":" + jsonValue() + "}")
                .getBytes(StandardCharsets.UTF_8);
            case 3 -> ("[{\"destination\":" + jsonValue() + ",\"headers\":" + jsonValue() + ",\"body\":" + jsonValue()
                    + ",\"queue\":" + jsonValue() + "}]")
                .getBytes(StandardCharsets.UTF_8);
            default -> randomBytes(this.random.nextInt(64));
        };
        return new Request(method, path, headers, body, null);
    }

    /**
     * @param pastALimit whether one value is past a limit
     * @return a request that publishes, schedules, batches or adds endpoints
     */
    Request wellFormed(boolean pastALimit) {
        return switch (this.random.nextInt(5)) {
            case 0 -> single("/v2/publish/" + DESTINATION, Map.of(), pastALimit, true);
            case 1 -> single("/v2/enqueue/q" + this.random.nextInt(3) + "/" + DESTINATION, Map.of(), pastALimit, true);
            case 2 -> single("/v2/schedules/" + DESTINATION, Map.of("Upstash-Cron", "*/5 * * * *"), pastALimit, false);
            case 3 -> batch(pastALimit);
            default -> endpoints(pastALimit);
        };
    }

    private Request single(String path, Map<String, String> fixed, boolean pastALimit, boolean bodyLimited) {
        Map<String, String> headers = new LinkedHashMap<>(fixed);
        headers.putAll(validOptions());
        byte[] body = randomBytes(this.random.nextInt(100));
        String violation = null;
        if (pastALimit) {
            int kind = this.random.nextInt(bodyLimited ? 4 : 3);
            if (kind == 3) {
                body = new byte[1024 * 1024 + 1 + this.random.nextInt(1000)];
                violation = "body";
            }
            else if (kind == 2) {
                String name = "upstash-forward-" + pick(List.of("a\r\nb", "a b", "a:b", "a\nb"));
                path += "?" + encode(name) + "=1";
                violation = "header name";
            }
            else {
                Map.Entry<String, String> past = pastLimitOption();
                headers.put(past.getKey(), past.getValue());
                violation = past.getKey();
            }
        }
        return new Request("POST", path, headers, body, violation);
    }

    private Request batch(boolean pastALimit) {
        int size = 1 + this.random.nextInt(MAX_BATCH_MESSAGES);
        String violation = null;
        int spoiled = -1;
        if (pastALimit) {
            if (this.random.nextBoolean()) {
                size = MAX_BATCH_MESSAGES + 1 + this.random.nextInt(5);
                violation = "batch";
            }
            else {
                spoiled = this.random.nextInt(size);
            }
        }
        StringJoiner entries = new StringJoiner(",", "[", "]");
        for (int i = 0; i < size; i++) {
            Map<String, String> headers = validOptions();
            if (i == spoiled) {
                Map.Entry<String, String> past = switch (this.random.nextInt(3)) {
                    case 0 -> Map.entry("Upstash-Forward-" + pick(List.of("A\r\nB", "A B", "A\"B", "A:B")), "x");
                    case 1 -> Map.entry("Upstash-Forward-A", "x" + pick(List.of("\r\n", "\n", "\r", "\u0000")) + "y");
                    default -> pastLimitOption();
                };
                headers.put(past.getKey(), past.getValue());
                // An error names the header; a name that is no token is named escaped.
                violation = past.getKey().startsWith("Upstash-Forward-A") ? "Upstash-Forward-A" : past.getKey();
            }
            StringJoiner json = new StringJoiner(",", "{", "}");
            headers.forEach((name, value) -> json.add(quote(name) + ":" + quote(value)));
            entries.add("{\"destination\":\"" + DESTINATION + "\",\"headers\":" + json + ",\"body\":"
                    + quote(junkText()) + "}");
        }
        return new Request("POST", "/v2/batch", Map.of("Content-Type", "application/json"),
                entries.toString().getBytes(StandardCharsets.UTF_8), violation);
    }

    private Request endpoints(boolean pastALimit) {
        int size = pastALimit ? MAX_URL_GROUP_ENDPOINTS + 1 + this.random.nextInt(3)
                : 1 + this.random.nextInt(MAX_URL_GROUP_ENDPOINTS);
        StringJoiner endpoints = new StringJoiner(",", "{\"endpoints\":[", "]}");
        for (int i = 0; i < size; i++) {
            endpoints.add("{\"url\":\"" + DESTINATION + "/" + i + "\"}");
        }
        return new Request("POST", "/v2/topics/group" + (this.groups++) + "/endpoints", Map.of(),
                endpoints.toString().getBytes(StandardCharsets.UTF_8), pastALimit ? "endpoints" : null);
    }

    /** Options within every limit, some of them. */
    private Map<String, String> validOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        if (this.random.nextBoolean()) {
            options.put("Upstash-Delay", duration(this.random.nextLong(MAX_DELAY_SECONDS + 1)));
        }
        if (this.random.nextInt(4) == 0) {
            options.put("Upstash-Not-Before",
                    String.valueOf(this.now.getEpochSecond() + this.random.nextLong(MAX_DELAY_SECONDS)));
        }
        if (this.random.nextBoolean()) {
            options.put("Upstash-Retries", String.valueOf(this.random.nextInt(21)));
        }
        if (this.random.nextBoolean()) {
            options.put("Upstash-Timeout", duration(1 + this.random.nextLong(MAX_TIMEOUT_SECONDS)));
        }
        if (this.random.nextInt(3) == 0) {
            options.put("Upstash-Callback", DESTINATION + "/callback");
            options.put("Upstash-Callback-Timeout", duration(1 + this.random.nextLong(MAX_TIMEOUT_SECONDS)));
            options.put("Upstash-Callback-Delay", duration(this.random.nextLong(MAX_DELAY_SECONDS + 1)));
        }
        if (this.random.nextInt(3) == 0) {
            options.put("Upstash-Flow-Control-Key", "key" + this.random.nextInt(3));
            options.put("Upstash-Flow-Control-Value", "parallelism=" + (1 + this.random.nextInt(100)) + ", rate="
                    + (1 + this.random.nextInt(100)) + ", period=" + duration(1 + this.random.nextLong(7 * DAY)));
        }
        if (this.random.nextBoolean()) {
            options.put("Upstash-Forward-" + token(), junkText());
        }
        if (this.random.nextBoolean()) {
            options.put("Upstash-Retry-Delay", pick(List.of("1000", "pow(2, retried) * 1000", "1000 * (1 + retried)")));
        }
        return options;
    }

    /** One option past a limit: its header and value. */
    private Map.Entry<String, String> pastLimitOption() {
        long over = 1 + this.random.nextLong(10 * DAY);
        return switch (this.random.nextInt(10)) {
            case 0 -> Map.entry("Upstash-Delay", duration(MAX_DELAY_SECONDS + over));
            case 1 ->
                Map.entry("Upstash-Not-Before", String.valueOf(this.now.getEpochSecond() + MAX_DELAY_SECONDS + over));
            case 2 -> Map.entry("Upstash-Retries", String.valueOf(21 + this.random.nextInt(1000)));
            case 3 -> Map.entry("Upstash-Timeout", duration(MAX_TIMEOUT_SECONDS + over));
            case 4 -> Map.entry("Upstash-Failure-Callback-Timeout", duration(MAX_TIMEOUT_SECONDS + over));
            case 5 -> Map.entry("Upstash-Callback-Delay", duration(MAX_DELAY_SECONDS + over));
            case 6 -> Map.entry("Upstash-Flow-Control-Value", "parallelism=" + -this.random.nextInt(3));
            case 7 -> Map.entry("Upstash-Flow-Control-Value", "rate=" + -this.random.nextInt(3));
            case 8 -> Map.entry("Upstash-Flow-Control-Value", "rate=1, period=" + duration(7 * DAY + over));
            default -> Map.entry("Upstash-Retry-Delay", "1+".repeat(500 + this.random.nextInt(1000)) + "1");
        };
    }

    /** A duration in QStash's syntax: whole units, compounds or bare seconds. */
    private String duration(long seconds) {
        return switch (this.random.nextInt(4)) {
            case 0 -> seconds + "s";
            case 1 -> String.valueOf(seconds);
            case 2 -> (seconds % 60 == 0) ? (seconds / 60) + "m" : seconds + "s";
            default -> (seconds / DAY) + "d" + ((seconds % DAY) / 3600) + "h" + ((seconds % 3600) / 60) + "m"
                    + (seconds % 60) + "s";
        };
    }

    private String chaosQuery() {
        StringJoiner query = new StringJoiner("&");
        for (int i = 1 + this.random.nextInt(3); i > 0; i--) {
            String name = pick(List.of("upstash-delay", "upstash-retries", "upstash-forward-" + token(), "count",
                    "cursor", "parallelism", "rate", "period", "queueName", "upstash-forward-a%0d%0ab", "state",
                    "fromDate", "qstash_token"));
            query.add(name + "=" + encode(junkValue()));
        }
        return query.toString();
    }

    private String junkValue() {
        return switch (this.random.nextInt(6)) {
            case 0 -> String.valueOf(this.random.nextLong());
            case 1 -> duration(this.random.nextLong(1000 * DAY));
            case 2 -> "parallelism=" + (this.random.nextInt(5) - 2) + ",rate=" + this.random.nextInt(3) + ",period="
                    + junkText();
            case 3 -> "-" + this.random.nextInt(100) + "s";
            case 4 -> "http://127.0.0.1:9/" + token();
            default -> junkText();
        };
    }

    /** Printable ASCII, as any header value may hold. */
    private String junkText() {
        StringBuilder text = new StringBuilder();
        for (int i = this.random.nextInt(20); i > 0; i--) {
            text.append((char) (0x20 + this.random.nextInt(0x5f)));
        }
        return text.toString().trim();
    }

    private String jsonValue() {
        return pick(List.of("null", "1", "-1", "0", "1e999", "\"\"", "\"q\"", "\"" + DESTINATION + "\"", "[]", "{}",
                "[1,2]", "{\"a\":[null]}", "true", quote(junkText())));
    }

    private String token() {
        StringBuilder token = new StringBuilder();
        for (int i = 1 + this.random.nextInt(8); i > 0; i--) {
            token.append((char) ('a' + this.random.nextInt(26)));
        }
        return token.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        this.random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(List<T> values) {
        return values.get(this.random.nextInt(values.size()));
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String quote(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            }
            else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            }
            else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /**
     * A request.
     *
     * @param method the method
     * @param path the raw path and query
     * @param headers the headers
     * @param body the body
     * @param pastALimit what is past a limit (a header, "batch", "endpoints", "body"), or
     * {@code null} when nothing is
     */
    record Request(String method, String path, Map<String, String> headers, byte[] body, @Nullable String pastALimit) {

        @Override
        public String toString() {
            List<String> lines = new ArrayList<>();
            lines.add(this.method + " " + this.path);
            this.headers.forEach((name, value) -> lines.add(name + ": " + value));
            String text = new String(this.body, StandardCharsets.UTF_8);
            lines.add((text.length() > 500) ? text.substring(0, 500) + "... (" + this.body.length + " bytes)" : text);
            return String.join("\n", lines);
        }

    }

}

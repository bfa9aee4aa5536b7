package io.github.qstashspring.client;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A schedule: QStash publishes the message to the destination (URL or URL group) on every
 * cron trigger. Created with {@code POST /v2/schedules/<destination>} and
 * {@code Upstash-Cron}; every message option applies to the messages it produces.
 *
 * <pre>{@code
 * String id = template.schedules().create(ScheduleRequest.to("https://my.app/reports")
 *     .cron("CRON_TZ=Europe/Berlin 0 6 * * *")
 *     .scheduleId("daily-report")
 *     .json(Map.of("kind", "daily")));
 * }</pre>
 */
public final class ScheduleRequest extends MessageRequest<ScheduleRequest> {

    private final boolean urlGroup;

    private @Nullable String cron;

    private @Nullable String scheduleId;

    private @Nullable String queueName;

    private ScheduleRequest(String destination, boolean urlGroup) {
        super(destination);
        this.urlGroup = urlGroup;
    }

    /**
     * A schedule publishing to a URL.
     * @param url absolute URL with {@code http://} or {@code https://}
     * @return the request; {@link #cron} is required
     */
    public static ScheduleRequest to(String url) {
        return new ScheduleRequest(url, false);
    }

    /**
     * A schedule publishing to a URL group.
     * @param urlGroup the URL group name
     * @return the request; {@link #cron} is required
     */
    public static ScheduleRequest toUrlGroup(String urlGroup) {
        return new ScheduleRequest(urlGroup, true);
    }

    /**
     * The cron expression ({@code Upstash-Cron}): 5 fields, UTC unless prefixed with
     * {@code CRON_TZ=<zone>}.
     * @param cron e.g. {@code "0 6 * * *"}
     * @return this request
     */
    public ScheduleRequest cron(String cron) {
        this.cron = cron;
        return this;
    }

    /**
     * A caller-chosen id ({@code Upstash-Schedule-Id}): an existing schedule with this id
     * is overwritten, which makes {@code create} an upsert.
     * @param scheduleId letters, digits, {@code -}, {@code _} and {@code .}
     * @return this request
     */
    public ScheduleRequest scheduleId(String scheduleId) {
        this.scheduleId = scheduleId;
        return this;
    }

    /**
     * Enqueue each triggered message into this queue ({@code Upstash-Queue-Name}).
     * @param queueName the queue name
     * @return this request
     */
    public ScheduleRequest queue(String queueName) {
        this.queueName = queueName;
        return this;
    }

    DestinationKind destinationKind() {
        if (this.queueName != null) {
            return DestinationKind.QUEUE;
        }
        return this.urlGroup ? DestinationKind.URL_GROUP : DestinationKind.URL;
    }

    @Override
    Map<String, String> upstashHeaders() {
        Map<String, String> headers = super.upstashHeaders();
        headers.put("Upstash-Cron", Objects.requireNonNull(this.cron, "A schedule needs a cron expression"));
        if (this.scheduleId != null) {
            headers.put("Upstash-Schedule-Id", this.scheduleId);
        }
        if (this.queueName != null) {
            headers.put("Upstash-Queue-Name", this.queueName);
        }
        return headers;
    }

    @Override
    @Nullable String resolveContentType() {
        String contentType = super.resolveContentType();
        return (contentType != null) ? contentType : "application/json";
    }

}

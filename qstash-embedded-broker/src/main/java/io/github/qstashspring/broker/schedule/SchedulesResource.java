package io.github.qstashspring.broker.schedule;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.qstashspring.broker.api.ApiExchange;
import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.message.PublishService;
import io.github.qstashspring.broker.schedule.ScheduleService.ScheduleView;
import io.github.qstashspring.broker.store.ResourceStore.Schedule;

import static io.github.qstashspring.broker.api.ApiJson.putIfPresent;

/**
 * {@code /v2/schedules}: create or replace ({@code POST /v2/schedules/<destination>}),
 * list, read, delete, pause and resume. Pause and resume accept {@code POST} (QStash's
 * documentation) and {@code PATCH} (what the SDKs send).
 */
final class SchedulesResource implements ApiResource {

    private final ScheduleService schedules;

    private final PublishService publishService;

    SchedulesResource(ScheduleService schedules, PublishService publishService) {
        this.schedules = schedules;
        this.publishService = publishService;
    }

    @Override
    public List<String> names() {
        return List.of("schedules");
    }

    @Override
    public void handle(ApiExchange exchange) throws IOException {
        if (exchange.segments() == 2) {
            exchange.requireMethod("GET");
            exchange.respond(200,
                    this.schedules.list().stream().map((view) -> view(view, exchange.isReadOnly())).toList());
            return;
        }
        String id = exchange.decodedSegment(2);
        if (isPauseOrResume(exchange)) {
            exchange.requireMethod("POST", "PATCH");
            this.schedules.setPaused(id, exchange.segment(3).equals("pause"));
            exchange.respond(200);
            return;
        }
        if (exchange.method().equals("POST")) {
            String destination = exchange.destination(2);
            PublishService.checkDestination(destination);
            String scheduleId = this.schedules.upsert(destination, exchange.configuration(), exchange.body(),
                    exchange.callerIp());
            exchange.respond(200, Map.of("scheduleId", scheduleId));
            return;
        }
        if (exchange.segments() != 3) {
            throw exchange.notFound();
        }
        if (exchange.method().equals("GET")) {
            exchange.respond(200, view(this.schedules.get(id), exchange.isReadOnly()));
            return;
        }
        exchange.requireMethod("DELETE");
        this.schedules.delete(id);
        exchange.respond(200);
    }

    private static boolean isPauseOrResume(ApiExchange exchange) {
        return exchange.segments() == 4 && (exchange.segment(3).equals("pause") || exchange.segment(3).equals("resume"))
                && !exchange.segment(2).startsWith("http");
    }

    private Map<String, Object> view(ScheduleView view, boolean readOnly) {
        Schedule schedule = view.schedule();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scheduleId", schedule.id());
        json.put("cron", schedule.cron());
        json.put("destination", schedule.destination());
        json.put("createdAt", schedule.createdAt());
        this.publishService.describeTick(schedule, json, readOnly);
        putIfPresent(json, "callerIP", schedule.callerIp());
        putIfPresent(json, "callerIp", schedule.callerIp());
        json.put("isPaused", schedule.paused());
        putIfPresent(json, "queueName", schedule.queueName());
        putIfPresent(json, "lastScheduleTime", schedule.lastTickAt());
        if (schedule.nextTickAt() != Long.MAX_VALUE) {
            json.put("nextScheduleTime", schedule.nextTickAt());
        }
        json.put("lastScheduleStates", view.lastScheduleStates());
        putIfPresent(json, "error", schedule.lastError());
        return json;
    }

}

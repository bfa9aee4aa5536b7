package io.github.qstashspring.client;

import java.util.List;

import org.springframework.http.HttpMethod;

/**
 * Schedules: QStash publishes a message on every trigger of a cron expression. Obtained
 * from {@link QStashOperations#schedules()}.
 */
public final class QStashSchedules {

    private final QStashHttp http;

    QStashSchedules(QStashHttp http) {
        this.http = http;
    }

    /**
     * Creates a schedule, or replaces the one with the same
     * {@link ScheduleRequest#scheduleId id}: {@code POST /v2/schedules/<destination>}
     * with {@code Upstash-Cron} and the message options.
     * @param request destination, cron, body and options
     * @return the schedule id (QStash's {@code scd_...} or the given one)
     */
    public String create(ScheduleRequest request) {
        ApiRequest api = ApiRequest.of("schedules.create", HttpMethod.POST, "/v2/schedules/" + request.getDestination())
            .destination(request.destinationKind(), request.getDestination())
            .headers(request.upstashHeaders())
            .body(request.resolveBody(this.http.payloadMapper()), request.resolveContentType());
        return this.http.tree(api).path("scheduleId").asString();
    }

    /**
     * Reads a schedule: {@code GET /v2/schedules/<id>}.
     * @param scheduleId the id
     * @return the schedule
     * @throws QStashApiException with status 404 when there is none
     */
    public Schedule get(String scheduleId) {
        return this.http.read(call("schedules.get", HttpMethod.GET, scheduleId, ""), Schedule.class);
    }

    /**
     * Lists all schedules: {@code GET /v2/schedules}.
     * @return the schedules
     */
    public List<Schedule> list() {
        return this.http.readList(ApiRequest.of("schedules.list", HttpMethod.GET, "/v2/schedules"), Schedule.class);
    }

    /**
     * Deletes a schedule: {@code DELETE /v2/schedules/<id>}.
     * @param scheduleId the id
     */
    public void delete(String scheduleId) {
        this.http.send(call("schedules.delete", HttpMethod.DELETE, scheduleId, ""));
    }

    /**
     * Pauses a schedule: {@code PATCH /v2/schedules/<id>/pause} (as the SDKs send it);
     * triggers are skipped until it is resumed.
     * @param scheduleId the id
     */
    public void pause(String scheduleId) {
        this.http.send(call("schedules.pause", HttpMethod.PATCH, scheduleId, "/pause"));
    }

    /**
     * Resumes a paused schedule: {@code PATCH /v2/schedules/<id>/resume}.
     * @param scheduleId the id
     */
    public void resume(String scheduleId) {
        this.http.send(call("schedules.resume", HttpMethod.PATCH, scheduleId, "/resume"));
    }

    private static ApiRequest call(String operation, HttpMethod method, String scheduleId, String suffix) {
        return ApiRequest.of(operation, method, "/v2/schedules/" + ApiRequest.segment(scheduleId) + suffix);
    }

}

package io.github.qstashspring.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QStashTemplateManagementTests extends WireMockQStash {

    private void answerEverythingWith200() {
        this.qstash.stubFor(any(anyUrl()).willReturn(ok()));
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = this.qstash.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        return requests.get(0);
    }

    private void assertOnlyRequest(String method, String url) {
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo(method);
        assertThat(request.getUrl()).isEqualTo(url);
    }

    // --- schedules ---

    @Test
    void scheduleCreateSendsCronIdQueueAndMessageOptions() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"scheduleId\":\"daily-report\"}")));

        String id = this.template.schedules()
            .create(ScheduleRequest.to("https://x.test/reports?x=1")
                .cron("CRON_TZ=Europe/Berlin 0 6 * * *")
                .scheduleId("daily-report")
                .queue("reports")
                .body("{\"kind\":\"daily\"}")
                .contentType("application/json")
                .retries(2)
                .header("X-Tenant", "acme")
                .callback("https://x.test/cb")
                .label("reports"));

        assertThat(id).isEqualTo("daily-report");
        LoggedRequest request = onlyRequest();
        assertThat(request.getUrl()).isEqualTo("/v2/schedules/https://x.test/reports?x=1");
        assertThat(request.getHeader("Upstash-Cron")).isEqualTo("CRON_TZ=Europe/Berlin 0 6 * * *");
        assertThat(request.getHeader("Upstash-Schedule-Id")).isEqualTo("daily-report");
        assertThat(request.getHeader("Upstash-Queue-Name")).isEqualTo("reports");
        assertThat(request.getHeader("Upstash-Retries")).isEqualTo("2");
        assertThat(request.getHeader("Upstash-Forward-X-Tenant")).isEqualTo("acme");
        assertThat(request.getHeader("Upstash-Callback")).isEqualTo("https://x.test/cb");
        assertThat(request.getHeader("Upstash-Label")).isEqualTo("reports");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBodyAsString()).isEqualTo("{\"kind\":\"daily\"}");
    }

    @Test
    void scheduleWithoutBodyOrContentTypeGetsJsonContentTypeLikeTheJsSdk() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"scheduleId\":\"scd_1\"}")));

        String id = this.template.schedules().create(ScheduleRequest.toUrlGroup("grp").cron("*/5 * * * *"));

        assertThat(id).isEqualTo("scd_1");
        LoggedRequest request = onlyRequest();
        assertThat(request.getUrl()).isEqualTo("/v2/schedules/grp");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.containsHeader("Upstash-Schedule-Id")).isFalse();
    }

    @Test
    void scheduleGetMapsTheScheduleJson() {
        this.qstash.stubFor(get(urlEqualTo("/v2/schedules/scd_1")).willReturn(okJson("""
                {"scheduleId":"scd_1","cron":"*/10 * * * *","destination":"https://x.test/a","createdAt":1700000000000,
                 "method":"POST","header":{"Test-Header":["v"]},"body":"hi","retries":5,
                 "retryDelayExpression":"1000","delay":10,"callerIP":"1.2.3.4","isPaused":true,"queueName":"q",
                 "flowControlKey":"k","parallelism":2,"rate":5,"period":60,"labels":["a","b"],
                 "lastScheduleTime":1700000060000,"nextScheduleTime":1700000120000,
                 "lastScheduleStates":{"msg_1":"SUCCESS"},"somethingNew":true}""")));

        Schedule schedule = this.template.schedules().get("scd_1");

        assertThat(schedule.scheduleId()).isEqualTo("scd_1");
        assertThat(schedule.cron()).isEqualTo("*/10 * * * *");
        assertThat(schedule.destination()).isEqualTo("https://x.test/a");
        assertThat(schedule.createdAt()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
        assertThat(schedule.header()).containsEntry("Test-Header", List.of("v"));
        assertThat(schedule.retries()).isEqualTo(5);
        assertThat(schedule.delay()).isEqualTo(10);
        assertThat(schedule.callerIp()).isEqualTo("1.2.3.4");
        assertThat(schedule.paused()).isTrue();
        assertThat(schedule.queueName()).isEqualTo("q");
        assertThat(schedule.labels()).containsExactly("a", "b");
        assertThat(schedule.nextScheduleTime()).isEqualTo(Instant.ofEpochMilli(1700000120000L));
        assertThat(schedule.lastScheduleStates()).containsEntry("msg_1", "SUCCESS");
    }

    @Test
    void scheduleListDeletePauseResume() {
        this.qstash.stubFor(get(urlEqualTo("/v2/schedules"))
            .willReturn(okJson("[{\"scheduleId\":\"a\",\"cron\":\"* * * * *\",\"destination\":\"https://a\"},"
                    + "{\"scheduleId\":\"b\",\"cron\":\"0 * * * *\",\"destination\":\"grp\",\"callerIp\":\"9.9.9.9\"}]")));
        this.qstash.stubFor(any(urlEqualTo("/v2/schedules/a")).atPriority(10).willReturn(ok()));
        this.qstash.stubFor(any(urlEqualTo("/v2/schedules/a/pause")).willReturn(ok()));
        this.qstash.stubFor(any(urlEqualTo("/v2/schedules/a/resume")).willReturn(ok()));

        assertThat(this.template.schedules().list()).extracting(Schedule::scheduleId).containsExactly("a", "b");
        assertThat(this.template.schedules().list().get(1).callerIp()).isEqualTo("9.9.9.9");
        this.template.schedules().delete("a");
        this.template.schedules().pause("a");
        this.template.schedules().resume("a");

        this.qstash.verify(deleteRequestedFor(urlEqualTo("/v2/schedules/a")));
        this.qstash.verify(patchRequestedFor(urlEqualTo("/v2/schedules/a/pause")));
        this.qstash.verify(patchRequestedFor(urlEqualTo("/v2/schedules/a/resume")));
    }

    // --- URL groups ---

    @Test
    void urlGroupAddEndpointsPostsTheEndpointsJson() {
        answerEverythingWith200();

        this.template.urlGroups()
            .addEndpoints("grp", Endpoint.of("ep1", "https://a.test"), Endpoint.of("https://b.test"));

        assertOnlyRequest("POST", "/v2/topics/grp/endpoints");
        this.qstash.verify(postRequestedFor(urlEqualTo("/v2/topics/grp/endpoints"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson(
                    "{\"endpoints\":[{\"name\":\"ep1\",\"url\":\"https://a.test\"},{\"url\":\"https://b.test\"}]}")));
    }

    @Test
    void urlGroupRemoveEndpointsSendsDeleteWithAJsonBody() {
        answerEverythingWith200();

        this.template.urlGroups().removeEndpoints("grp", Endpoint.named("ep1"), Endpoint.of("https://b.test"));

        assertOnlyRequest("DELETE", "/v2/topics/grp/endpoints");
        this.qstash.verify(deleteRequestedFor(urlEqualTo("/v2/topics/grp/endpoints"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("{\"endpoints\":[{\"name\":\"ep1\"},{\"url\":\"https://b.test\"}]}")));
    }

    @Test
    void urlGroupGetListDelete() {
        String group = "{\"name\":\"grp\",\"createdAt\":1700000000000,\"updatedAt\":1700000001000,"
                + "\"endpoints\":[{\"name\":\"ep1\",\"url\":\"https://a\"},{\"url\":\"https://b\"}]}";
        this.qstash.stubFor(get(urlEqualTo("/v2/topics/grp")).willReturn(okJson(group)));
        this.qstash.stubFor(get(urlEqualTo("/v2/topics")).willReturn(okJson("[" + group + "]")));
        this.qstash.stubFor(delete(urlEqualTo("/v2/topics/grp")).willReturn(ok()));

        UrlGroup urlGroup = this.template.urlGroups().get("grp");
        List<UrlGroup> all = this.template.urlGroups().list();
        this.template.urlGroups().delete("grp");

        assertThat(urlGroup.name()).isEqualTo("grp");
        assertThat(urlGroup.updatedAt()).isEqualTo(Instant.ofEpochMilli(1700000001000L));
        assertThat(urlGroup.endpoints()).containsExactly(Endpoint.of("ep1", "https://a"), Endpoint.of("https://b"));
        assertThat(all).containsExactly(urlGroup);
        this.qstash.verify(deleteRequestedFor(urlEqualTo("/v2/topics/grp")));
    }

    // --- queues ---

    @Test
    void queueUpsertPostsNameParallelismAndPaused() {
        answerEverythingWith200();

        this.template.queues().upsert("emails", 3);

        assertOnlyRequest("POST", "/v2/queues");
        this.qstash
            .verify(postRequestedFor(urlEqualTo("/v2/queues")).withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"queueName\":\"emails\",\"parallelism\":3,\"paused\":false}")));
    }

    @Test
    void queueUpsertCanCreateItPaused() {
        answerEverythingWith200();

        this.template.queues().upsert("emails", 1, true);

        this.qstash.verify(postRequestedFor(urlEqualTo("/v2/queues"))
            .withRequestBody(equalToJson("{\"queueName\":\"emails\",\"parallelism\":1,\"paused\":true}")));
    }

    @Test
    void queueGetListDeletePauseResume() {
        String queue = "{\"name\":\"emails\",\"createdAt\":1700000000000,\"updatedAt\":1700000000000,"
                + "\"parallelism\":2,\"paused\":true,\"lag\":7}";
        this.qstash.stubFor(get(urlEqualTo("/v2/queues/emails")).willReturn(okJson(queue)));
        this.qstash.stubFor(get(urlEqualTo("/v2/queues")).willReturn(okJson("[" + queue + "]")));
        this.qstash.stubFor(any(urlEqualTo("/v2/queues/emails")).atPriority(10).willReturn(ok()));
        this.qstash.stubFor(post(urlEqualTo("/v2/queues/emails/pause")).willReturn(ok()));
        this.qstash.stubFor(post(urlEqualTo("/v2/queues/emails/resume")).willReturn(ok()));

        Queue read = this.template.queues().get("emails");
        assertThat(read).isEqualTo(new Queue("emails", Instant.ofEpochMilli(1700000000000L),
                Instant.ofEpochMilli(1700000000000L), 2, true, 7));
        assertThat(this.template.queues().list()).containsExactly(read);
        this.template.queues().delete("emails");
        this.template.queues().pause("emails");
        this.template.queues().resume("emails");

        this.qstash.verify(deleteRequestedFor(urlEqualTo("/v2/queues/emails")));
        this.qstash.verify(postRequestedFor(urlEqualTo("/v2/queues/emails/pause")));
        this.qstash.verify(postRequestedFor(urlEqualTo("/v2/queues/emails/resume")));
    }

    // --- messages ---

    @Test
    void messageGetMapsTheMessageJson() {
        this.qstash.stubFor(get(urlEqualTo("/v2/messages/msg_1")).willReturn(okJson("""
                {"messageId":"msg_1","url":"https://x.test/a","topicName":"grp","endpointName":"ep1","method":"PUT",
                 "header":{"Test-Header":["test-value"]},"body":"hi","maxRetries":3,
                 "retryDelayExpression":"1000 * retried","notBefore":1700000005000,"createdAt":1700000000000,
                 "callback":"https://cb","failureCallback":"https://fcb","callerIP":"1.2.3.4",
                 "flowControlKey":"k","parallelism":1,"rate":2,"period":3,"label":"a","labels":["a","b"]}""")));

        Message message = this.template.messages().get("msg_1");

        assertThat(message.messageId()).isEqualTo("msg_1");
        assertThat(message.urlGroup()).isEqualTo("grp");
        assertThat(message.endpointName()).isEqualTo("ep1");
        assertThat(message.method()).isEqualTo("PUT");
        assertThat(message.header()).containsEntry("Test-Header", List.of("test-value"));
        assertThat(message.maxRetries()).isEqualTo(3);
        assertThat(message.notBefore()).isEqualTo(Instant.ofEpochMilli(1700000005000L));
        assertThat(message.callerIp()).isEqualTo("1.2.3.4");
        assertThat(message.period()).isEqualTo(3);
        assertThat(message.labels()).containsExactly("a", "b");
    }

    @Test
    void singleHeaderValuesAreAcceptedWhereQStashUsuallySendsArrays() {
        this.qstash.stubFor(get(urlEqualTo("/v2/messages/msg_1"))
            .willReturn(okJson("{\"messageId\":\"msg_1\",\"header\":{\"Test-Header\":\"v\"},\"labels\":\"a\"}")));

        Message message = this.template.messages().get("msg_1");

        assertThat(message.header()).containsEntry("Test-Header", List.of("v"));
        assertThat(message.labels()).containsExactly("a");
    }

    @Test
    void messageCancelDeletesTheMessage() {
        this.qstash.stubFor(delete(anyUrl()).willReturn(okJson("{\"cancelled\":1}")));

        this.template.messages().cancel("msg_1");

        assertOnlyRequest("DELETE", "/v2/messages/msg_1");
    }

    @Test
    void bulkCancelByIdsSendsRepeatedMessageIdsOnce() {
        this.qstash.stubFor(delete(anyUrl()).willReturn(okJson("{\"cancelled\":2}")));

        int cancelled = this.template.messages().cancel(new MessageFilter().messageIds("msg_1", "msg_2"));

        assertThat(cancelled).isEqualTo(2);
        assertOnlyRequest("DELETE", "/v2/messages?messageIds=msg_1&messageIds=msg_2");
    }

    @Test
    void bulkCancelByFilterIsOneRequestLikeTheOfficialSdk() {
        // Since QStash 2.12 "cancelled" is a snapshot of matching in-progress messages: a
        // server may keep answering a non-zero number, and the client must not repeat.
        String path = "/v2/messages?topicName=grp&queueName=q&url=https://x.test/a&host=x.test&path=/a"
                + "&label=a&label=b&flowControlKey=k&scheduleId=scd&callerIp=1.2.3.4&fromDate=1000&toDate=2000&count=100";
        this.qstash.stubFor(delete(urlEqualTo(path)).willReturn(okJson("{\"cancelled\":100}")));

        int cancelled = this.template.messages()
            .cancel(new MessageFilter().urlGroup("grp")
                .queueName("q")
                .url("https://x.test/a")
                .host("x.test")
                .path("/a")
                .label("a", "b")
                .flowControlKey("k")
                .scheduleId("scd")
                .callerIp("1.2.3.4")
                .fromDate(Instant.ofEpochMilli(1000))
                .toDate(Instant.ofEpochMilli(2000)));

        assertThat(cancelled).isEqualTo(100);
        this.qstash.verify(1, deleteRequestedFor(urlEqualTo(path)));
    }

    @Test
    void bulkDlqDeleteEndsWithAnErrorWhenTheServerRepeatsItsCursor() {
        this.qstash.stubFor(delete(anyUrl()).willReturn(okJson("{\"deleted\":1,\"cursor\":\"same\"}")));

        assertThatExceptionOfType(QStashException.class).isThrownBy(() -> this.template.dlq().delete(new DlqFilter()))
            .withMessage("dlq.deleteMany: the server answered the same cursor twice");
        this.qstash.verify(2, deleteRequestedFor(anyUrl()));
    }

    @Test
    void listAllEndsWithAnErrorWhenTheServerRepeatsItsCursor() {
        this.qstash.stubFor(get(anyUrl()).willReturn(okJson("{\"messages\":[],\"cursor\":\"same\"}")));

        assertThatExceptionOfType(QStashException.class)
            .isThrownBy(() -> this.template.dlq().listAll(new DlqFilter()).iterator().hasNext())
            .withMessage("dlq.list: the server answered the same cursor twice");
        this.qstash.verify(2, getRequestedFor(anyUrl()));
    }

    @Test
    void filterValuesArePercentEncodedIncludingPlus() {
        this.qstash.stubFor(delete(anyUrl()).willReturn(okJson("{\"cancelled\":0}")));

        this.template.messages().cancel(new MessageFilter().label("a+b c&d=é").count(5));

        assertOnlyRequest("DELETE", "/v2/messages?label=a%2Bb%20c%26d%3D%C3%A9&count=5");
    }

    @Test
    void cancelAllSendsNoFilter() {
        this.qstash.stubFor(delete(anyUrl()).willReturn(okJson("{\"cancelled\":0}")));

        assertThat(this.template.messages().cancelAll()).isZero();

        assertOnlyRequest("DELETE", "/v2/messages?count=100");
    }

    // --- DLQ ---

    private static String dlqMessage(String id) {
        return "{\"dlqId\":\"" + id + "\",\"messageId\":\"msg_" + id + "\",\"url\":\"https://x.test/a\","
                + "\"responseStatus\":500,\"responseHeader\":{\"Content-Type\":[\"text/plain\"]},\"responseBody\":\"boom\"}";
    }

    @Test
    void dlqListSendsFiltersAndReturnsThePageWithItsCursor() {
        this.qstash
            .stubFor(get(anyUrl()).willReturn(okJson("{\"messages\":[" + dlqMessage("1-0") + "],\"cursor\":\"c2\"}")));

        CursorPage<DlqMessage> page = this.template.dlq()
            .list(new DlqFilter().url("https://x.test/a").responseStatus(500).messageId("msg_1").count(10), "c1");

        assertThat(page.items()).extracting(DlqMessage::dlqId).containsExactly("1-0");
        assertThat(page.items().get(0).responseStatus()).isEqualTo(500);
        assertThat(page.items().get(0).responseHeader()).containsEntry("Content-Type", List.of("text/plain"));
        assertThat(page.cursor()).isEqualTo("c2");
        assertThat(page.hasNext()).isTrue();
        assertOnlyRequest("GET", "/v2/dlq?url=https://x.test/a&responseStatus=500&messageId=msg_1&count=10&cursor=c1");
    }

    @Test
    void dlqListAllFollowsTheCursorLazily() {
        this.qstash.stubFor(get(urlEqualTo("/v2/dlq?queueName=q")).willReturn(
                okJson("{\"messages\":[" + dlqMessage("1-0") + "," + dlqMessage("2-0") + "],\"cursor\":\"c2\"}")));
        this.qstash.stubFor(get(urlEqualTo("/v2/dlq?queueName=q&cursor=c2"))
            .willReturn(okJson("{\"messages\":[],\"cursor\":\"c3\"}")));
        this.qstash.stubFor(get(urlEqualTo("/v2/dlq?queueName=q&cursor=c3"))
            .willReturn(okJson("{\"messages\":[" + dlqMessage("3-0") + "]}")));

        Iterable<DlqMessage> all = this.template.dlq().listAll(new DlqFilter().queueName("q"));
        assertThat(this.qstash.getAllServeEvents()).isEmpty();
        List<String> ids = new ArrayList<>();
        all.forEach((message) -> ids.add(message.dlqId()));

        assertThat(ids).containsExactly("1-0", "2-0", "3-0");
        this.qstash.verify(3, getRequestedFor(anyUrl()));
    }

    @Test
    void dlqGetDeleteAndRetryOne() {
        this.qstash.stubFor(get(urlEqualTo("/v2/dlq/1-0")).willReturn(okJson(dlqMessage("1-0"))));
        this.qstash.stubFor(delete(urlEqualTo("/v2/dlq/1-0")).willReturn(ok()));
        this.qstash.stubFor(post(urlEqualTo("/v2/dlq/retry/1-0")).willReturn(aResponse().withStatus(201)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"messageId\":\"msg_new\"}")));

        assertThat(this.template.dlq().get("1-0").responseBody()).isEqualTo("boom");
        this.template.dlq().delete("1-0");
        PublishResult retried = this.template.dlq().retry("1-0");

        assertThat(retried.messageId()).isEqualTo("msg_new");
        this.qstash.verify(deleteRequestedFor(urlEqualTo("/v2/dlq/1-0")));
    }

    @Test
    void dlqBulkDeleteFollowsTheCursorAndSumsDeleted() {
        this.qstash.stubFor(delete(urlEqualTo("/v2/dlq?dlqIds=1-0&dlqIds=2-0"))
            .willReturn(okJson("{\"deleted\":1,\"cursor\":\"c2\"}")));
        this.qstash.stubFor(
                delete(urlEqualTo("/v2/dlq?dlqIds=1-0&dlqIds=2-0&cursor=c2")).willReturn(okJson("{\"deleted\":1}")));

        assertThat(this.template.dlq().delete(new DlqFilter().dlqIds("1-0", "2-0"))).isEqualTo(2);
        this.qstash.verify(2, deleteRequestedFor(anyUrl()));
    }

    @Test
    void dlqBulkRetryFollowsTheCursorUntilItIsEmpty() {
        this.qstash.stubFor(post(urlEqualTo("/v2/dlq/retry?label=x"))
            .willReturn(okJson("{\"cursor\":\"c2\",\"responses\":[{\"messageId\":\"m1\"}]}")));
        this.qstash.stubFor(post(urlEqualTo("/v2/dlq/retry?label=x&cursor=c2"))
            .willReturn(okJson("{\"cursor\":\"\",\"responses\":[{\"messageId\":\"m2\"}]}")));

        List<PublishResult> results = this.template.dlq().retry(new DlqFilter().label("x"));

        assertThat(results).extracting(PublishResult::messageId).containsExactly("m1", "m2");
    }

    // --- logs ---

    @Test
    void logsListReadsEventsWithFiltersAndCursor() {
        this.qstash.stubFor(get(anyUrl()).willReturn(okJson("""
                {"cursor":"c9","events":[{"time":1700000000000,"messageId":"msg_1","state":"DELIVERED",
                 "url":"https://x.test/a","topicName":"grp","responseStatus":200,"labels":["a"]}]}""")));

        CursorPage<LogEntry> page = this.template.logs()
            .list(new LogFilter().state("DELIVERED").messageIds("msg_1").host("x.test").path("/a").count(50));

        LogEntry entry = page.items().get(0);
        assertThat(entry.time()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
        assertThat(entry.state()).isEqualTo("DELIVERED");
        assertThat(entry.urlGroup()).isEqualTo("grp");
        assertThat(entry.responseStatus()).isEqualTo(200);
        assertThat(page.cursor()).isEqualTo("c9");
        assertOnlyRequest("GET", "/v2/events?state=DELIVERED&messageIds=msg_1&host=x.test&path=/a&count=50");
    }

    @Test
    void logsListAcceptsTheLogsKeyAndIteratesAllPages() {
        this.qstash.stubFor(get(urlEqualTo("/v2/events"))
            .willReturn(okJson("{\"cursor\":\"c2\",\"logs\":[{\"messageId\":\"m1\",\"state\":\"CREATED\"}]}")));
        this.qstash.stubFor(get(urlEqualTo("/v2/events?cursor=c2"))
            .willReturn(okJson("{\"events\":[{\"messageId\":\"m1\",\"state\":\"DELIVERED\"}]}")));

        List<String> states = new ArrayList<>();
        this.template.logs().listAll(new LogFilter()).forEach((entry) -> states.add(entry.state()));

        assertThat(states).containsExactly("CREATED", "DELIVERED");
    }

    // --- signing keys ---

    @Test
    void signingKeysGetAndRotate() {
        this.qstash
            .stubFor(get(urlEqualTo("/v2/keys")).willReturn(okJson("{\"current\":\"sig_a\",\"next\":\"sig_b\"}")));
        this.qstash.stubFor(
                post(urlEqualTo("/v2/keys/rotate")).willReturn(okJson("{\"current\":\"sig_b\",\"next\":\"sig_c\"}")));

        assertThat(this.template.signingKeys().get()).isEqualTo(new SigningKeys("sig_a", "sig_b"));
        assertThat(this.template.signingKeys().rotate()).isEqualTo(new SigningKeys("sig_b", "sig_c"));
        assertThat(new SigningKeys("sig_a", "sig_b").toString()).doesNotContain("sig_a");
    }

    // --- flow control ---

    @Test
    void flowControlListAndGet() {
        String key = "{\"flowControlKey\":\"k\",\"waitListSize\":4,\"parallelismMax\":5,\"parallelismCount\":1,"
                + "\"rateMax\":10,\"rateCount\":3,\"ratePeriod\":60,\"ratePeriodStart\":1700000000,"
                + "\"isPaused\":true,\"isPinnedParallelism\":true,\"isPinnedRate\":false}";
        this.qstash.stubFor(get(urlEqualTo("/v2/flowControl")).willReturn(okJson("[" + key + "]")));
        this.qstash.stubFor(get(urlEqualTo("/v2/flowControl/k")).willReturn(okJson(key)));

        FlowControlKey read = this.template.flowControl().get("k");

        assertThat(read).isEqualTo(new FlowControlKey("k", 4, 5, 1, 10, 3, 60, 1700000000L, true, true, false));
        assertThat(this.template.flowControl().list()).containsExactly(read);
    }

    @Test
    void flowControlPauseResumeResetRate() {
        answerEverythingWith200();

        this.template.flowControl().pause("k");
        this.template.flowControl().resume("k");
        this.template.flowControl().resetRate("k");

        this.qstash.verify(postRequestedFor(urlEqualTo("/v2/flowControl/k/pause")));
        this.qstash.verify(postRequestedFor(urlEqualTo("/v2/flowControl/k/resume")));
        this.qstash.verify(postRequestedFor(urlEqualTo("/v2/flowControl/k/resetRate")));
    }

    @Test
    void flowControlPinSendsLimitsAsQueryParameters() {
        answerEverythingWith200();

        this.template.flowControl().pin("k", 5, 10, Duration.ofMinutes(1));

        assertOnlyRequest("POST", "/v2/flowControl/k/pin?parallelism=5&rate=10&period=60");
    }

    @Test
    void flowControlPinWithOnlyRate() {
        answerEverythingWith200();

        this.template.flowControl().pin("k", null, 10, null);

        assertOnlyRequest("POST", "/v2/flowControl/k/pin?rate=10");
    }

    @Test
    void flowControlUnpinNamesWhatIsUnpinned() {
        answerEverythingWith200();

        this.template.flowControl().unpin("k", true, true);

        assertOnlyRequest("POST", "/v2/flowControl/k/unpin?parallelism=true&rate=true");
    }

    @Test
    void globalParallelismDefaultsMissingFieldsToZero() {
        this.qstash.stubFor(get(urlEqualTo("/v2/globalParallelism")).willReturn(okJson("{\"parallelismMax\":500}")));

        assertThat(this.template.flowControl().globalParallelism()).isEqualTo(new GlobalParallelism(500, 0));
        this.qstash.verify(getRequestedFor(urlEqualTo("/v2/globalParallelism")).withHeader("Content-Type", absent())
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void resourceNamesAreEncodedAsOnePathSegment() {
        answerEverythingWith200();

        this.template.queues().pause("a/b");

        assertOnlyRequest("POST", "/v2/queues/a%2Fb/pause");
    }

}

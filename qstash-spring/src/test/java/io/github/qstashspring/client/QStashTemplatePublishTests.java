package io.github.qstashspring.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class QStashTemplatePublishTests extends WireMockQStash {

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = this.qstash.findAll(postRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    @Test
    void destinationUrlGoesIntoThePathRawWithItsQueryString() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_1\"}")));

        PublishResponse response = this.template.publish(PublishRequest.to("https://x.test/a?b=1").body("hi"));

        assertThat(response.messageId()).isEqualTo("msg_1");
        assertThat(response.deduplicated()).isFalse();
        LoggedRequest request = onlyRequest();
        assertThat(request.getUrl()).isEqualTo("/v2/publish/https://x.test/a?b=1");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeader("Upstash-Method")).isEqualTo("POST");
        assertThat(request.getHeader("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
        assertThat(request.getBodyAsString()).isEqualTo("hi");
    }

    @Test
    void doubleSlashesInTheDestinationAreKept() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_1\"}")));

        this.template.publish(PublishRequest.to("https://x.test//double//path/").body("x"));

        assertThat(onlyRequest().getUrl()).isEqualTo("/v2/publish/https://x.test//double//path/");
    }

    @Test
    void rawBytesAreSentUnchangedAsOctetStream() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_1\"}")));
        byte[] bytes = { 0, (byte) 0xff, (byte) 0xfe, 10, 13 };

        this.template.publish(PublishRequest.to("https://x.test/bin").body(bytes));

        LoggedRequest request = onlyRequest();
        assertThat(request.getBody()).isEqualTo(bytes);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void jsonPayloadIsSerialisedWithTheGivenApplicationMapper() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_1\"}")));
        JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        QStashTemplate withAppMapper = templateBuilder().jsonMapper(snakeCase).build();

        withAppMapper.publishJson("https://x.test/orders", new Order("o-1", 3));

        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBodyAsString()).isEqualTo("{\"order_id\":\"o-1\",\"quantity\":3}");
    }

    @Test
    void everyMessageOptionBecomesTheHeaderTheSdkSends() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_1\"}")));

        this.template.publish(PublishRequest.to("https://x.test/hook")
            .json(Map.of("a", 1))
            .method("PUT")
            .header("X-Tenant", "acme")
            .header("Upstash-Header-Forward", "true")
            .delay(Duration.ofMinutes(2))
            .retries(4)
            .retryDelay("pow(2, retried) * 1000")
            .timeout(Duration.ofSeconds(30))
            .deduplicationId("dedup-1")
            .contentBasedDeduplication(true)
            .flowControl("payments", 10, Duration.ofMinutes(1), 2)
            .label("billing", "eu")
            .redactBody()
            .redactHeaders()
            .redactHeader("Authorization"));

        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Upstash-Method")).isEqualTo("PUT");
        assertThat(request.getHeader("Upstash-Forward-X-Tenant")).isEqualTo("acme");
        assertThat(request.getHeader("Upstash-Header-Forward")).isEqualTo("true");
        assertThat(request.containsHeader("X-Tenant")).isFalse();
        assertThat(request.getHeader("Upstash-Delay")).isEqualTo("120s");
        assertThat(request.containsHeader("Upstash-Not-Before")).isFalse();
        assertThat(request.getHeader("Upstash-Retries")).isEqualTo("4");
        assertThat(request.getHeader("Upstash-Retry-Delay")).isEqualTo("pow(2, retried) * 1000");
        assertThat(request.getHeader("Upstash-Timeout")).isEqualTo("30s");
        assertThat(request.getHeader("Upstash-Deduplication-Id")).isEqualTo("dedup-1");
        assertThat(request.getHeader("Upstash-Content-Based-Deduplication")).isEqualTo("true");
        assertThat(request.getHeader("Upstash-Flow-Control-Key")).isEqualTo("payments");
        assertThat(request.getHeader("Upstash-Flow-Control-Value")).isEqualTo("parallelism=2, rate=10, period=60s");
        assertThat(request.getHeader("Upstash-Label")).isEqualTo("billing,eu");
        assertThat(request.getHeader("Upstash-Redact-Fields")).isEqualTo("body,header,header[Authorization]");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBodyAsString()).isEqualTo("{\"a\":1}");
    }

    @Test
    void notBeforeIsSentAsUnixSeconds() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_1\"}")));

        this.template
            .publish(PublishRequest.to("https://x.test/hook").notBefore(Instant.ofEpochSecond(1_900_000_000L, 999)));

        this.qstash.verify(postRequestedFor(urlEqualTo("/v2/publish/https://x.test/hook"))
            .withHeader("Upstash-Not-Before", equalTo("1900000000"))
            .withHeader("Content-Type", absent()));
    }

    @Test
    void contentBasedDeduplicationFalseSendsNoHeader() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_1\"}")));

        this.template.publish(PublishRequest.to("https://x.test/hook").body("x").contentBasedDeduplication(false));

        this.qstash.verify(postRequestedFor(anyUrl()).withHeader("Upstash-Content-Based-Deduplication", absent()));
    }

    @Test
    void callbacksCarryTheirOwnOptionsAndForwardedHeaders() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_1\"}")));

        this.template.publish(PublishRequest.to("https://x.test/hook")
            .body("x")
            .callback(Callback.to("https://x.test/cb?s=1")
                .method("PUT")
                .retries(1)
                .retryDelay("1000")
                .timeout(Duration.ofSeconds(5))
                .delay(Duration.ofSeconds(3))
                .header("X-Cb", "one"))
            .failureCallback(Callback.to("https://x.test/failed").retries(0).header("X-Fail", "two")));

        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Upstash-Callback")).isEqualTo("https://x.test/cb?s=1");
        assertThat(request.getHeader("Upstash-Callback-Method")).isEqualTo("PUT");
        assertThat(request.getHeader("Upstash-Callback-Retries")).isEqualTo("1");
        assertThat(request.getHeader("Upstash-Callback-Retry-Delay")).isEqualTo("1000");
        assertThat(request.getHeader("Upstash-Callback-Timeout")).isEqualTo("5s");
        assertThat(request.getHeader("Upstash-Callback-Delay")).isEqualTo("3s");
        assertThat(request.getHeader("Upstash-Callback-Forward-X-Cb")).isEqualTo("one");
        assertThat(request.getHeader("Upstash-Failure-Callback")).isEqualTo("https://x.test/failed");
        assertThat(request.getHeader("Upstash-Failure-Callback-Retries")).isEqualTo("0");
        assertThat(request.getHeader("Upstash-Failure-Callback-Forward-X-Fail")).isEqualTo("two");
        assertThat(request.containsHeader("Upstash-Failure-Callback-Method")).isFalse();
    }

    @Test
    void plainCallbackUrlsSendOnlyTheUrl() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_1\"}")));

        this.template.publish(PublishRequest.to("https://x.test/hook")
            .callback("https://x.test/cb")
            .failureCallback("https://x.test/failed"));

        this.qstash.verify(postRequestedFor(anyUrl()).withHeader("Upstash-Callback", equalTo("https://x.test/cb"))
            .withHeader("Upstash-Failure-Callback", equalTo("https://x.test/failed"))
            .withHeader("Upstash-Callback-Method", absent())
            .withHeader("Upstash-Callback-Retries", absent()));
    }

    @Test
    void contentTypeGivenAsHeaderIsNotForwardedButSetAsContentType() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_1\"}")));

        this.template
            .publish(PublishRequest.to("https://x.test/xml").header("content-type", "application/xml").body("<a/>"));

        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/xml");
        assertThat(request.containsHeader("Upstash-Forward-content-type")).isFalse();
    }

    @Test
    void flowControlWithOnlyParallelismOmitsRateAndPeriod() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_1\"}")));

        this.template
            .publish(PublishRequest.to("https://x.test/hook").flowControl(FlowControl.key("k").parallelism(3)));

        assertThat(onlyRequest().getHeader("Upstash-Flow-Control-Value")).isEqualTo("parallelism=3");
    }

    @Test
    void flowControlWithoutRateOrParallelismIsRejectedBeforeSending() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> this.template.publish(PublishRequest.to("https://x.test/h").flowControl(FlowControl.key("k"))))
            .withMessageContaining("needs a rate or a parallelism");
        assertThat(this.qstash.getAllServeEvents()).isEmpty();
    }

    @Test
    void fractionalSecondsAreRejectedBeforeSending() {
        assertThatIllegalArgumentException()
            .isThrownBy(
                    () -> this.template.publish(PublishRequest.to("https://x.test/h").delay(Duration.ofMillis(1500))))
            .withMessageContaining("delay must be a positive whole number of seconds");
    }

    @Test
    void urlGroupPublishReturnsOneResultPerEndpoint() {
        this.qstash.stubFor(post(urlEqualTo("/v2/publish/my-group"))
            .willReturn(okJson("[{\"messageId\":\"msg_a\",\"url\":\"https://a.test\"},"
                    + "{\"messageId\":\"msg_b\",\"url\":\"https://b.test\",\"deduplicated\":true}]")));

        PublishResponse response = this.template.publish(PublishRequest.toUrlGroup("my-group").body("x"));

        assertThat(response.results()).containsExactly(new PublishResult("msg_a", "https://a.test", false),
                new PublishResult("msg_b", "https://b.test", true));
        assertThat(response.deduplicated()).isFalse();
        assertThatIllegalStateException().isThrownBy(response::messageId).withMessageContaining("use results()");
    }

    @Test
    void deduplicatedPublishIsReported() {
        this.qstash.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(202)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"messageId\":\"msg_old\",\"deduplicated\":true}")));

        PublishResponse response = this.template.publish(PublishRequest.to("https://x.test/h").deduplicationId("d"));

        assertThat(response.messageId()).isEqualTo("msg_old");
        assertThat(response.deduplicated()).isTrue();
    }

    @Test
    void enqueueUsesTheQueuePathWithTheRawDestination() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_q\"}")));

        PublishResponse response = this.template
            .publish(PublishRequest.to("https://oz.test/?foo=bar").queue("q1").body("x").delay(Duration.ofSeconds(5)));

        assertThat(response.messageId()).isEqualTo("msg_q");
        LoggedRequest request = onlyRequest();
        assertThat(request.getUrl()).isEqualTo("/v2/enqueue/q1/https://oz.test/?foo=bar");
        assertThat(request.getHeader("Upstash-Delay")).isEqualTo("5s");
    }

    @Test
    void enqueueToAUrlGroupReturnsOneResultPerEndpoint() {
        this.qstash.stubFor(post(urlEqualTo("/v2/enqueue/q1/grp"))
            .willReturn(okJson("[{\"messageId\":\"m1\",\"url\":\"https://a\"}]")));

        PublishResponse response = this.template.publish(PublishRequest.toUrlGroup("grp").queue("q1").body("x"));

        assertThat(response.results()).extracting(PublishResult::messageId).containsExactly("m1");
    }

    @Test
    void batchSendsMixedDestinationsAndReturnsPerEntryResults() {
        this.qstash.stubFor(post(urlEqualTo("/v2/batch")).willReturn(okJson("[{\"messageId\":\"m_url\"},"
                + "[{\"messageId\":\"m_g1\",\"url\":\"https://g1\"},{\"messageId\":\"m_g2\",\"url\":\"https://g2\"}],"
                + "{\"messageId\":\"m_q\"}]")));

        List<PublishResponse> responses = this.template.batch(List.of(
                PublishRequest.to("https://x.test/a?b=1")
                    .body("one")
                    .delay(Duration.ofSeconds(5))
                    .header("Hello", "123"),
                PublishRequest.toUrlGroup("grp").json(Map.of("k", "v")),
                PublishRequest.to("https://x.test/q").queue("q1").body("three")));

        assertThat(responses).hasSize(3);
        assertThat(responses.get(0).messageId()).isEqualTo("m_url");
        assertThat(responses.get(1).results()).extracting(PublishResult::messageId).containsExactly("m_g1", "m_g2");
        assertThat(responses.get(2).messageId()).isEqualTo("m_q");
        this.qstash
            .verify(postRequestedFor(urlEqualTo("/v2/batch")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        [
                          {"destination":"https://x.test/a?b=1",
                           "headers":{"Content-Type":"text/plain;charset=UTF-8","Upstash-Method":"POST",
                                      "Upstash-Forward-Hello":"123","Upstash-Delay":"5s"},
                           "body":"one"},
                          {"destination":"grp",
                           "headers":{"Content-Type":"application/json","Upstash-Method":"POST"},
                           "body":"{\\"k\\":\\"v\\"}"},
                          {"destination":"https://x.test/q",
                           "headers":{"Content-Type":"text/plain;charset=UTF-8","Upstash-Method":"POST"},
                           "body":"three","queue":"q1"}
                        ]""")));
    }

    @Test
    void batchEntryRejectedByQStashCarriesItsErrorWhileTheOthersSucceed() {
        this.qstash.stubFor(post(urlEqualTo("/v2/batch"))
            .willReturn(okJson("[{\"messageId\":\"m1\"},{\"error\":\"invalid destination url\"}]")));

        List<PublishResponse> responses = this.template
            .batch(List.of(PublishRequest.to("https://x.test/a").body("1"), PublishRequest.to("not-a-url").body("2")));

        assertThat(responses.get(0).messageId()).isEqualTo("m1");
        assertThat(responses.get(0).error()).isNull();
        assertThat(responses.get(1).results()).isEmpty();
        assertThat(responses.get(1).error()).isEqualTo("invalid destination url");
        assertThatIllegalStateException().isThrownBy(() -> responses.get(1).messageId())
            .withMessage("QStash rejected this message: invalid destination url");
    }

    @Test
    void batchAnsweredWithASingleObjectGivesOneResponse() {
        this.qstash
            .stubFor(post(urlEqualTo("/v2/batch")).willReturn(okJson("{\"messageId\":\"m1\",\"deduplicated\":true}")));

        List<PublishResponse> responses = this.template.batch(List.of(PublishRequest.to("https://x.test/a").body("1")));

        assertThat(responses).singleElement().satisfies((response) -> {
            assertThat(response.messageId()).isEqualTo("m1");
            assertThat(response.deduplicated()).isTrue();
        });
    }

    @Test
    void publishAnswerWithUnknownFieldsAndAnErrorNextToTheMessageIdIsASuccess() {
        this.qstash.stubFor(post(anyUrl())
            .willReturn(okJson("{\"messageId\":\"m1\",\"url\":\"https://x.test/a\",\"error\":\"x\",\"future\":[1]}")));

        PublishResponse response = this.template.publish(PublishRequest.to("https://x.test/a").body("1"));

        assertThat(response.error()).isNull();
        assertThat(response.results()).containsExactly(new PublishResult("m1", "https://x.test/a", false));
    }

    @Test
    void batchRejectsBinaryBodiesBeforeSending() {
        PublishRequest binary = PublishRequest.to("https://x.test/bin").body(new byte[] { (byte) 0xff, (byte) 0xfe });

        assertThatIllegalArgumentException().isThrownBy(() -> this.template.batch(List.of(binary)))
            .withMessageContaining("not UTF-8 text");
        assertThat(this.qstash.getAllServeEvents()).isEmpty();
    }

    @Test
    void utf8TextSurvivesTheRoundTrip() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_1\"}")));

        this.template.publish(PublishRequest.to("https://x.test/h").body("grüße ✓"));

        assertThat(new String(onlyRequest().getBody(), StandardCharsets.UTF_8)).isEqualTo("grüße ✓");
    }

    @Test
    void theLastBodyDecidesTheDefaultContentType() {
        this.qstash.stubFor(post(anyUrl()).willReturn(okJson("{\"messageId\":\"msg_1\"}")));

        this.template.publish(PublishRequest.to("https://x.test/h").body("text first").json(Map.of("k", 1)));

        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBodyAsString()).isEqualTo("{\"k\":1}");
    }

    @Test
    void destinationThatIsNotAValidUriIsRejectedWithAClearMessage() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> this.template.publish(PublishRequest.to("https://x.test/a b").body("x")))
            .withMessageContaining("is not a valid URI")
            .withMessageContaining("percent-encode");
        assertThat(this.qstash.getAllServeEvents()).isEmpty();
    }

    record Order(String orderId, int quantity) {
    }

}

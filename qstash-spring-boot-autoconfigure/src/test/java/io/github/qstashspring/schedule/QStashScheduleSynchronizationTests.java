package io.github.qstashspring.schedule;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.github.qstashspring.autoconfigure.QStashAutoConfiguration;
import io.github.qstashspring.autoconfigure.QStashListenerAutoConfiguration;
import io.github.qstashspring.autoconfigure.QStashScheduleAutoConfiguration;
import io.github.qstashspring.autoconfigure.QStashSignatureAutoConfiguration;
import io.github.qstashspring.autoconfigure.QStashTokenMissingException;
import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.listener.QStashListenerBaseUrlResolver;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @QStashSchedule} synchronisation against a stateful WireMock standing in for
 * QStash's schedule API: each {@code run} is one application start.
 */
@ExtendWith(OutputCaptureExtension.class)
class QStashScheduleSynchronizationTests {

    private static final String REPORT_ID = "reports.ReportListener.report";

    private static final String REPORT_URL = "https://app.example.com/qstash/report";

    private final StatefulSchedulesApi qstash = new StatefulSchedulesApi();

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(QStashAutoConfiguration.class, QStashSignatureAutoConfiguration.class,
                QStashListenerAutoConfiguration.class, QStashScheduleAutoConfiguration.class,
                JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
                DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
        .withPropertyValues("qstash.url=" + this.qstash.url(), "qstash.token=test-token",
                "qstash.current-signing-key=sig_current", "qstash.client.retry.enabled=false",
                "qstash.listener.base-url=https://app.example.com/", "spring.application.name=reports");

    @AfterEach
    void stopQStash() {
        this.qstash.shutdown();
    }

    @Test
    void firstStartCreatesTheScheduleToTheListenerUrl(CapturedOutput output) {
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed());
        this.qstash.verify(1,
                postRequestedFor(urlEqualTo("/v2/schedules/" + REPORT_URL))
                    .withHeader("Upstash-Cron", equalTo("0 6 * * *"))
                    .withHeader("Upstash-Schedule-Id", equalTo(REPORT_ID))
                    .withHeader("Authorization", equalTo("Bearer test-token")));
        assertThat(this.qstash.schedules()).containsOnlyKeys(REPORT_ID);
        assertThat(this.qstash.schedules().get(REPORT_ID)).containsEntry("cron", "0 6 * * *")
            .containsEntry("destination", REPORT_URL);
        assertThat(output).contains("Created QStash schedule '" + REPORT_ID + "' (cron '0 6 * * *' to " + REPORT_URL);
    }

    @Test
    void restartWithTheSameDeclarationSendsNothingAndDuplicatesNothing(CapturedOutput output) {
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed());
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed());
        this.qstash.verify(2, getRequestedFor(urlEqualTo("/v2/schedules")));
        this.qstash.verify(1, postRequestedFor(urlPathMatching("/v2/schedules/.*")));
        this.qstash.verify(0, deleteRequestedFor(anyUrl()));
        assertThat(this.qstash.schedules()).containsOnlyKeys(REPORT_ID);
        assertThat(output).contains("QStash schedule '" + REPORT_ID + "' unchanged");
    }

    @Test
    void changedCronUpdatesTheSameSchedule(CapturedOutput output) {
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed());
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .withPropertyValues("report.cron=CRON_TZ=Europe/Berlin 30 7 * * 1-5")
            .run((context) -> assertThat(context).hasNotFailed());
        this.qstash.verify(1,
                postRequestedFor(urlEqualTo("/v2/schedules/" + REPORT_URL))
                    .withHeader("Upstash-Cron", equalTo("CRON_TZ=Europe/Berlin 30 7 * * 1-5"))
                    .withHeader("Upstash-Schedule-Id", equalTo(REPORT_ID)));
        assertThat(this.qstash.schedules()).containsOnlyKeys(REPORT_ID);
        assertThat(this.qstash.schedules().get(REPORT_ID)).containsEntry("cron", "CRON_TZ=Europe/Berlin 30 7 * * 1-5");
        assertThat(output).contains("Updated QStash schedule '" + REPORT_ID + "' (cron changed");
    }

    @Test
    void scheduleChangedInQStashIsPutBack(CapturedOutput output) {
        this.qstash.existing(REPORT_ID, "0 6 * * *", "https://old-host.example.com/qstash/report");
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(this.qstash.schedules().get(REPORT_ID)).containsEntry("destination", REPORT_URL);
        assertThat(output).contains("Updated QStash schedule '" + REPORT_ID + "' (destination changed");
    }

    @Test
    void staleScheduleOfThisApplicationIsRemovedAndForeignOnesAreUntouched(CapturedOutput output) {
        this.qstash.existing("reports.OldJobs.gone", "0 1 * * *", "https://app.example.com/qstash/gone");
        this.qstash.existing("scd_2x7Yk", "0 2 * * *", "https://app.example.com/qstash/report");
        this.qstash.existing("reports-admin.Jobs.cleanup", "0 3 * * *", "https://admin.example.com/cleanup");
        this.qstash.existing("billing.Jobs.invoice", "0 4 * * *", "https://billing.example.com/invoice");
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed());
        this.qstash.verify(1, deleteRequestedFor(anyUrl()));
        this.qstash.verify(1, deleteRequestedFor(urlEqualTo("/v2/schedules/reports.OldJobs.gone")));
        assertThat(this.qstash.schedules()).containsOnlyKeys(REPORT_ID, "scd_2x7Yk", "reports-admin.Jobs.cleanup",
                "billing.Jobs.invoice");
        assertThat(output).contains("Removed QStash schedule 'reports.OldJobs.gone' (cron '0 1 * * *' to "
                + "https://app.example.com/qstash/gone)");
    }

    @Test
    void idBodyRetriesAndQueueAreSentAndAnUnchangedRestartSendsNothing() {
        this.runner.withUserConfiguration(NightlyConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed());
        this.runner.withUserConfiguration(NightlyConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed());
        this.qstash.verify(1, postRequestedFor(urlPathMatching("/v2/schedules/.*")));
        this.qstash.verify(1,
                postRequestedFor(urlEqualTo("/v2/schedules/https://app.example.com/qstash/nightly"))
                    .withHeader("Upstash-Schedule-Id", equalTo("reports.nightly"))
                    .withHeader("Upstash-Cron", equalTo("CRON_TZ=America/New_York 0 2 * * *"))
                    .withHeader("Upstash-Retries", equalTo("1"))
                    .withHeader("Upstash-Queue-Name", equalTo("jobs"))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(equalTo("{\"kind\":\"nightly\"}")));
        assertThat(this.qstash.schedules()).containsOnlyKeys("reports.nightly");
    }

    @Test
    void changedBodyUpdatesTheSchedule(CapturedOutput output) {
        this.runner.withUserConfiguration(NightlyConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed());
        this.runner.withUserConfiguration(NightlyConfiguration.class)
            .withPropertyValues("nightly.kind=weekly")
            .run((context) -> assertThat(context).hasNotFailed());
        this.qstash.verify(2, postRequestedFor(urlPathMatching("/v2/schedules/.*")));
        assertThat(this.qstash.schedules().get("reports.nightly")).containsEntry("body", "{\"kind\":\"weekly\"}");
        assertThat(output).contains("Updated QStash schedule 'reports.nightly' (body changed");
    }

    @Test
    void idPrefixPropertyReplacesTheApplicationName() {
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .withPropertyValues("qstash.schedule.id-prefix=reporting_v2")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(this.qstash.schedules()).containsOnlyKeys("reporting_v2.ReportListener.report");
    }

    @Test
    void applicationNameIsSanitisedIntoThePrefix() {
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .withPropertyValues("spring.application.name=Report Service.eu")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(this.qstash.schedules()).containsOnlyKeys("Report-Service-eu.ReportListener.report");
    }

    @Test
    void dispatcherServletPathIsPartOfTheDestination() {
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .withPropertyValues("spring.mvc.servlet.path=/api")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(this.qstash.schedules().get(REPORT_ID)).containsEntry("destination",
                "https://app.example.com/api/qstash/report");
    }

    @Test
    void aBaseUrlResolverOfTheApplicationReplacesThePropertyAsDocumented() {
        this.runner.withUserConfiguration(ReportConfiguration.class, PlatformBaseUrlConfiguration.class)
            .withPropertyValues("RENDER_EXTERNAL_HOSTNAME=reports.onrender.com")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(this.qstash.schedules().get(REPORT_ID)).containsEntry("destination",
                "https://reports.onrender.com/qstash/report");
    }

    @Test
    void aBaseUrlResolverAnsweringNullFailsTheStartNamingTheProperty() {
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .withBean(QStashListenerBaseUrlResolver.class, () -> () -> null)
            .run((context) -> assertThat(startupError(context)).hasMessageContaining("set qstash.listener.base-url"));
        assertThat(this.qstash.schedules()).isEmpty();
    }

    @Test
    void withoutScheduledMethodsQStashIsNotCalled() {
        this.qstash.existing("reports.OldJobs.gone", "0 1 * * *", "https://app.example.com/qstash/gone");
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(QStashScheduleSynchronizer.class);
        });
        this.qstash.verify(0, anyRequestedFor(anyUrl()));
        assertThat(this.qstash.schedules()).containsOnlyKeys("reports.OldJobs.gone");
    }

    @Test
    void withoutScheduledMethodsAnExplicitPrefixStillRemovesItsStaleSchedules() {
        this.qstash.existing("reports.OldJobs.gone", "0 1 * * *", "https://app.example.com/qstash/gone");
        this.qstash.existing("billing.Jobs.invoice", "0 4 * * *", "https://billing.example.com/invoice");
        this.runner.withPropertyValues("qstash.schedule.id-prefix=reports")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(this.qstash.schedules()).containsOnlyKeys("billing.Jobs.invoice");
    }

    @Test
    void disabledSynchronisationNeverCallsQStash() {
        this.qstash.existing("reports.OldJobs.gone", "0 1 * * *", "https://app.example.com/qstash/gone");
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .withPropertyValues("qstash.schedule.enabled=false", "qstash.schedule.id-prefix=reports")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(QStashScheduleSynchronizer.class);
                assertThat(context).doesNotHaveBean(QStashScheduleAnnotationBeanPostProcessor.class);
            });
        this.qstash.verify(0, anyRequestedFor(anyUrl()));
        assertThat(this.qstash.schedules()).containsOnlyKeys("reports.OldJobs.gone");
    }

    @Test
    void theExampleOfTheDocumentationHoldsTheDocumentedSchedules() {
        this.runner.withBean(ReportJobs.class)
            .withPropertyValues("qstash.listener.base-url=https://reports.example.com")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(this.qstash.schedules()).containsOnlyKeys("reports.ReportJobs.dailyReport", "reports.cleanup");
        assertThat(this.qstash.schedules().get("reports.ReportJobs.dailyReport"))
            .containsEntry("destination", "https://reports.example.com/qstash/reports/daily")
            .containsEntry("cron", "CRON_TZ=Europe/Berlin 0 6 * * *");
        assertThat(this.qstash.schedules().get("reports.cleanup"))
            .containsEntry("destination", "https://reports.example.com/qstash/cleanup")
            .containsEntry("cron", "*/30 * * * *")
            .containsEntry("body", "{\"olderThanDays\":30}")
            .containsEntry("retries", 1)
            .containsEntry("queueName", "maintenance");
    }

    @Test
    void nonWebApplicationHasNoSynchronisation() {
        new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(QStashAutoConfiguration.class, QStashScheduleAutoConfiguration.class))
            .withPropertyValues("qstash.url=" + this.qstash.url(), "qstash.token=test-token",
                    "qstash.schedule.id-prefix=reports")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(QStashScheduleSynchronizer.class);
            });
        this.qstash.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void invalidCronFailsTheStartNamingTheMethod() {
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .withPropertyValues("report.cron=0 6 * *")
            .run((context) -> assertThat(startupError(context))
                .hasMessageContaining("Invalid cron expression '0 6 * *' in @QStashSchedule on "
                        + ReportListener.class.getName() + ".report")
                .hasMessageContaining("5 fields"));
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .withPropertyValues("report.cron=61 6 * * *")
            .run((context) -> assertThat(startupError(context))
                .hasMessageContaining("Invalid cron expression '61 6 * * *'"));
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .withPropertyValues("report.cron=CRON_TZ=Mars/Olympus 0 6 * * *")
            .run((context) -> assertThat(startupError(context))
                .hasMessageContaining("unknown time zone 'Mars/Olympus'"));
        this.qstash.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void missingBaseUrlFailsTheStartNamingTheProperty() {
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .withPropertyValues("qstash.listener.base-url=")
            .run((context) -> assertThat(startupError(context)).hasMessageContaining("set qstash.listener.base-url")
                .hasMessageContaining(ReportListener.class.getName() + ".report"));
        this.qstash.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void scheduleOfAListenerThatIsNotExposedFailsTheStart() {
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .withPropertyValues("qstash.listener.enabled=false")
            .run((context) -> assertThat(startupError(context))
                .hasMessageContaining("targets the listener path /qstash/report, which is not exposed")
                .hasMessageContaining("set qstash.schedule.enabled=false as well"));
        this.qstash.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void missingTokenFailsTheStartNamingTheProperty() {
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .withPropertyValues("qstash.token=")
            .run((context) -> assertThat(startupError(context)).isInstanceOf(QStashTokenMissingException.class)
                .hasMessageContaining("'qstash.token'"));
        this.qstash.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void missingApplicationNameAndPrefixFailsTheStartNamingBoth() {
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .withPropertyValues("spring.application.name=")
            .run((context) -> assertThat(startupError(context))
                .hasMessageContaining("set spring.application.name or qstash.schedule.id-prefix"));
        this.qstash.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void scheduleOnAMethodThatIsNotAListenerFailsTheStart() {
        this.runner.withUserConfiguration(NotAListenerConfiguration.class)
            .run((context) -> assertThat(startupError(context)).hasMessageContaining("@QStashSchedule on "
                    + NotAListener.class.getName() + ".tick needs @QStashListener on the same method"));
    }

    @Test
    void twoMethodsWithTheSameScheduleIdFailTheStart() {
        this.runner.withUserConfiguration(ClashingConfiguration.class)
            .run((context) -> assertThat(startupError(context))
                .hasMessageContaining("both have the schedule id 'reports.same'"));
        this.qstash.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void unreachableQStashFailsTheStart() {
        this.qstash.shutdown();
        this.runner.withUserConfiguration(ReportConfiguration.class)
            .run((context) -> assertThat(startupError(context))
                .hasMessageContaining("Could not synchronise the @QStashSchedule schedules (prefix 'reports.')"));
    }

    /**
     * The error the start failed with: the first {@link IllegalStateException} in the
     * cause chain.
     */
    private static Throwable startupError(AssertableWebApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof IllegalStateException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("IllegalStateException in the cause chain of %s", context.getStartupFailure())
            .isNotNull();
        return failure;
    }

    /** The resolver of docs/schedules.md, word for word. */
    @Configuration(proxyBeanMethods = false)
    static class PlatformBaseUrlConfiguration {

        @Bean
        QStashListenerBaseUrlResolver listenerBaseUrl(Environment environment) {
            return () -> "https://" + environment.getRequiredProperty("RENDER_EXTERNAL_HOSTNAME");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ReportConfiguration {

        @Bean
        ReportListener reportListener() {
            return new ReportListener();
        }

    }

    static class ReportListener {

        @QStashListener(path = "/qstash/report")
        @QStashSchedule(cron = "${report.cron:0 6 * * *}")
        void report() {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class NightlyConfiguration {

        @Bean
        NightlyListener nightlyListener() {
            return new NightlyListener();
        }

    }

    static class NightlyListener {

        @QStashListener(path = "qstash/nightly")
        @QStashSchedule(id = "nightly", cron = "CRON_TZ=America/New_York 0 2 * * *",
                body = "{\"kind\":\"${nightly.kind:nightly}\"}", retries = 1, queue = "jobs")
        void nightly(Map<String, String> body) {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class NotAListenerConfiguration {

        @Bean
        NotAListener notAListener() {
            return new NotAListener();
        }

    }

    static class NotAListener {

        @QStashSchedule(cron = "* * * * *")
        void tick() {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ClashingConfiguration {

        @Bean
        ClashingListeners clashingListeners() {
            return new ClashingListeners();
        }

    }

    static class ClashingListeners {

        @QStashListener(path = "/qstash/a")
        @QStashSchedule(id = "same", cron = "0 1 * * *")
        void a() {
        }

        @QStashListener(path = "/qstash/b")
        @QStashSchedule(id = "same", cron = "0 2 * * *")
        void b() {
        }

    }

    /** The example of docs/schedules.md, word for word. */
    static class ReportJobs {

        @QStashListener(path = "/qstash/reports/daily")
        @QStashSchedule(cron = "CRON_TZ=Europe/Berlin 0 6 * * *")
        void dailyReport() {
            // runs every day at 06:00 Berlin time, each call verified like any listener
            // delivery
        }

        @QStashListener(path = "/qstash/cleanup")
        @QStashSchedule(id = "cleanup", cron = "${jobs.cleanup.cron:*/30 * * * *}", body = "{\"olderThanDays\":30}",
                retries = 1, queue = "maintenance")
        void cleanup(CleanupRequest request) {
            // request is read from the schedule's body
        }

        record CleanupRequest(int olderThanDays) {
        }

    }

}

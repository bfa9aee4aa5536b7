package io.github.qstashspring.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.core.env.Environment;

import io.github.qstashspring.autoconfigure.QStashConnectionDetails;
import io.github.qstashspring.autoconfigure.QStashProperties;
import io.github.qstashspring.client.QStashException;
import io.github.qstashspring.client.QStashOperations;
import io.github.qstashspring.client.Schedule;
import io.github.qstashspring.listener.QStashListenerInfo;
import io.github.qstashspring.listener.QStashListenerRegistry;
import io.github.qstashspring.listener.QStashRequestVerifier;
import io.github.qstashspring.schedule.QStashScheduleInfo;
import io.github.qstashspring.schedule.QStashScheduleSynchronizer;

/**
 * The {@code qstash} actuator endpoint ({@code GET /actuator/qstash}): the QStash URL,
 * every {@code @QStashListener} route (path, method, payload type, how it is verified),
 * every {@code @QStashSchedule} with its state on the server (read with one
 * {@code GET /v2/schedules} per request), where the token and the signing keys of each
 * region come from (never the values), and the sections of
 * {@link QStashEndpointContributor} beans.
 */
@Endpoint(id = "qstash")
public final class QStashEndpoint {

    /** The QStash regions whose keys the official SDKs read from variables. */
    private static final List<String> SDK_REGIONS = List.of("EU_CENTRAL_1", "US_EAST_1");

    private static final String DEFAULT_REGION = "default";

    private final QStashConnectionDetails connectionDetails;

    private final QStashProperties properties;

    private final KeySources keySources;

    private final ObjectProvider<QStashListenerRegistry> listeners;

    private final ObjectProvider<QStashScheduleSynchronizer> schedules;

    private final Supplier<QStashOperations> operations;

    private final ObjectProvider<QStashEndpointContributor> contributors;

    /**
     * Creates the endpoint.
     * @param connectionDetails where QStash is
     * @param properties the {@code qstash.*} properties
     * @param environment to find where credentials are set
     * @param listeners the listener registry, if listeners are enabled
     * @param schedules the schedule synchronizer, if schedules are enabled
     * @param operations the client, asked only when there are schedules to look up
     * @param contributors further sections
     */
    public QStashEndpoint(QStashConnectionDetails connectionDetails, QStashProperties properties,
            Environment environment, ObjectProvider<QStashListenerRegistry> listeners,
            ObjectProvider<QStashScheduleSynchronizer> schedules, Supplier<QStashOperations> operations,
            ObjectProvider<QStashEndpointContributor> contributors) {
        this.connectionDetails = connectionDetails;
        this.properties = properties;
        this.keySources = new KeySources(environment);
        this.listeners = listeners;
        this.schedules = schedules;
        this.operations = operations;
        this.contributors = contributors;
    }

    /**
     * Describes the application's use of QStash.
     * @return the description
     */
    @ReadOperation
    public QStashDescriptor qstash() {
        Map<String, Object> contributions = new LinkedHashMap<>();
        this.contributors.orderedStream().forEach((contributor) -> {
            Object section = contributor.describe();
            if (section != null) {
                contributions.put(contributor.name(), section);
            }
        });
        String token = this.keySources.ofConnectionDetails(this.connectionDetails.getToken(), "qstash.token",
                this.connectionDetails);
        return new QStashDescriptor(this.connectionDetails.getUrl(), token, listeners(), schedules(), regions(),
                contributions);
    }

    private List<ListenerDescriptor> listeners() {
        QStashListenerRegistry registry = this.listeners.getIfAvailable();
        if (registry == null) {
            return List.of();
        }
        QStashProperties.Listener settings = this.properties.getListener();
        VerificationDescriptor verification = new VerificationDescriptor(true, settings.isVerifyUrl(),
                settings.getBaseUrl());
        List<ListenerDescriptor> descriptors = new ArrayList<>();
        for (QStashListenerInfo listener : registry.getListeners()) {
            descriptors.add(new ListenerDescriptor(listener.id(), QStashListenerInfo.HTTP_METHOD, listener.path(),
                    listener.method().getDeclaringClass().getName() + "#" + listener.method().getName(),
                    (listener.payloadType() != null) ? listener.payloadType().getTypeName() : null,
                    listener.skipDuplicates(), verification));
        }
        return descriptors;
    }

    private List<ScheduleDescriptor> schedules() {
        QStashScheduleSynchronizer synchronizer = this.schedules.getIfAvailable();
        List<QStashScheduleInfo> declared = (synchronizer != null) ? synchronizer.getSchedules() : List.of();
        if (declared.isEmpty()) {
            return List.of();
        }
        Map<String, Schedule> onServer = new LinkedHashMap<>();
        String error = null;
        try {
            for (Schedule schedule : this.operations.get().schedules().list()) {
                onServer.put(schedule.scheduleId(), schedule);
            }
        }
        catch (QStashException ex) {
            error = ex.getMessage();
        }
        List<ScheduleDescriptor> descriptors = new ArrayList<>();
        for (QStashScheduleInfo schedule : declared) {
            ScheduleStateDescriptor state = (error != null) ? ScheduleStateDescriptor.unavailable(error)
                    : ScheduleStateDescriptor.of(schedule, onServer.get(schedule.getId()));
            descriptors.add(new ScheduleDescriptor(schedule.getId(), schedule.getCron(), schedule.getDestination(),
                    schedule.getListenerId(), schedule.getOrigin(), state));
        }
        return descriptors;
    }

    private Map<String, KeySourcesDescriptor> regions() {
        Map<String, KeySourcesDescriptor> regions = new LinkedHashMap<>();
        regions.put(DEFAULT_REGION,
                new KeySourcesDescriptor(
                        this.keySources.ofConnectionDetails(this.connectionDetails.getCurrentSigningKey(),
                                "qstash.current-signing-key", this.connectionDetails),
                        this.keySources.ofConnectionDetails(this.connectionDetails.getNextSigningKey(),
                                "qstash.next-signing-key", this.connectionDetails)));
        this.properties.getRegions().forEach((region, keys) -> {
            String prefix = "qstash.regions." + region + ".";
            regions.put(QStashRequestVerifier.regionKey(region),
                    new KeySourcesDescriptor(source(keys.getCurrentSigningKey(), prefix + "current-signing-key"),
                            source(keys.getNextSigningKey(), prefix + "next-signing-key")));
        });
        for (String region : SDK_REGIONS) {
            String current = region + "_QSTASH_CURRENT_SIGNING_KEY";
            if (!regions.containsKey(region)
                    && !KeySources.NOT_CONFIGURED.equals(this.keySources.ofVariable(current))) {
                regions.put(region, new KeySourcesDescriptor(this.keySources.ofVariable(current),
                        this.keySources.ofVariable(region + "_QSTASH_NEXT_SIGNING_KEY")));
            }
        }
        return regions;
    }

    private String source(@Nullable String value, String property) {
        return (value == null || value.isBlank()) ? KeySources.NOT_CONFIGURED : this.keySources.ofProperty(property);
    }

    /**
     * The endpoint's answer.
     *
     * @param url the base URL of the QStash API the client calls
     * @param token where the token comes from
     * @param listeners the listener routes
     * @param schedules the annotated schedules and their state on the server
     * @param regions where the signing keys of each region come from ({@code default}:
     * the keys used when a delivery names no other configured region)
     * @param contributions the sections of {@link QStashEndpointContributor} beans
     */
    public record QStashDescriptor(String url, String token, List<ListenerDescriptor> listeners,
            List<ScheduleDescriptor> schedules, Map<String, KeySourcesDescriptor> regions,
            Map<String, Object> contributions) {
    }

    /**
     * A listener route.
     *
     * @param id the listener id
     * @param method the HTTP method
     * @param path the request path
     * @param handler the invoked method, {@code ClassName#methodName}
     * @param payloadType the type the body is converted to, or {@code null} when the
     * method takes no body
     * @param skipDuplicates whether processed message ids are acknowledged without
     * invoking the method again
     * @param verification how each request is verified
     */
    public record ListenerDescriptor(String id, String method, String path, String handler,
            @Nullable String payloadType, boolean skipDuplicates, VerificationDescriptor verification) {
    }

    /**
     * How a listener verifies requests.
     *
     * @param signature whether the {@code Upstash-Signature} is verified (always)
     * @param url whether the signed URL must be the URL the request was received on
     * @param baseUrl the public base URL that URL is built from, or {@code null} for the
     * request's own URL
     */
    public record VerificationDescriptor(boolean signature, boolean url, @Nullable String baseUrl) {
    }

    /**
     * An annotated schedule.
     *
     * @param id the schedule id
     * @param cron the cron expression
     * @param destination the URL QStash calls
     * @param listener the id of the listener it calls
     * @param declaredBy the method that declares it
     * @param server its state on the server
     */
    public record ScheduleDescriptor(String id, String cron, String destination, String listener, String declaredBy,
            ScheduleStateDescriptor server) {
    }

    /**
     * The state of an annotated schedule on the server.
     *
     * @param state {@code up-to-date}, {@code differs} (changed on the server since
     * startup), {@code missing} (deleted since startup) or {@code unavailable} (the
     * schedules could not be read)
     * @param differences the attributes that differ from the declaration
     * @param paused whether the schedule is paused
     * @param lastScheduleTime when it last triggered, if known
     * @param nextScheduleTime when it triggers next, if known
     * @param error why the schedules could not be read
     */
    public record ScheduleStateDescriptor(String state, List<String> differences, boolean paused,
            @Nullable Instant lastScheduleTime, @Nullable Instant nextScheduleTime, @Nullable String error) {

        static ScheduleStateDescriptor of(QStashScheduleInfo declared, @Nullable Schedule actual) {
            if (actual == null) {
                return new ScheduleStateDescriptor("missing", List.of(), false, null, null, null);
            }
            List<String> differences = declared.differences(actual);
            return new ScheduleStateDescriptor(differences.isEmpty() ? "up-to-date" : "differs", differences,
                    actual.paused(), actual.lastScheduleTime(), actual.nextScheduleTime(), null);
        }

        static ScheduleStateDescriptor unavailable(String error) {
            return new ScheduleStateDescriptor("unavailable", List.of(), false, null, null, error);
        }

    }

    /**
     * Where the two signing keys of a region come from.
     *
     * @param currentSigningKey the source of the current key
     * @param nextSigningKey the source of the next key
     */
    public record KeySourcesDescriptor(String currentSigningKey, String nextSigningKey) {
    }

}

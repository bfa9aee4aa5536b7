package io.github.qstashspring.benchmarks;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.qstashspring.benchmarks.receiver.ArrivalLog;
import io.github.qstashspring.benchmarks.receiver.ReceiverApplication;
import io.github.qstashspring.broker.EmbeddedQStashBroker;

/**
 * The end-to-end measurements on one database: messages published through the broker's
 * HTTP API by concurrent publishers, delivered signed to the receiver's
 * {@code @QStashListener} (which verifies the signature and notes the arrival) and
 * acknowledged. Measures publish-to-delivery latency on the idle broker, the sustained
 * throughput, and the latency at half that throughput; checks that every accepted id
 * arrived.
 */
public final class EndToEndBenchmark {

    private final BenchmarkSettings settings;

    private final ReceiverApplication receiver;

    private final AtomicLong ids = new AtomicLong();

    /**
     * Creates the benchmark.
     * @param settings the settings
     * @param receiver the receiving application
     */
    public EndToEndBenchmark(BenchmarkSettings settings, ReceiverApplication receiver) {
        this.settings = settings;
        this.receiver = receiver;
    }

    /**
     * The figures of one database.
     *
     * @param idle publish-to-delivery latency on the idle broker
     * @param idleAck publish round-trip (until the broker's 2xx) on the idle broker
     * @param idleAckToDelivery from the broker's 2xx to the arrival, on the idle broker
     * @param throughput the sustained throughput
     * @param halfLoad latency at half the throughput
     * @param halfRate the rate of the half-load phase
     * @param startMillis broker start time
     */
    public record Result(Latencies idle, Latencies idleAck, Latencies idleAckToDelivery, Throughput throughput,
            Latencies halfLoad, double halfRate, long startMillis) {
    }

    /**
     * The throughput phase.
     *
     * @param accepted messages the broker accepted (2xx)
     * @param publishSeconds how long publishing ran
     * @param publishRate accepted per second while publishing
     * @param totalSeconds from the first publish to the last delivery
     * @param deliveredRate accepted messages / totalSeconds: the end-to-end throughput
     * @param backlogAtPublishEnd accepted but not yet delivered when publishing stopped
     * @param missing accepted messages that never arrived
     * @param duplicates deliveries of an id that had already arrived
     * @param publishErrors failed publishes
     * @param firstError the first publish failure
     */
    public record Throughput(long accepted, double publishSeconds, double publishRate, double totalSeconds,
            double deliveredRate, long backlogAtPublishEnd, long missing, long duplicates, long publishErrors,
            String firstError) {
    }

    /**
     * Runs every phase on a fresh broker over the database.
     * @param database the database
     * @return the figures
     * @throws Exception on a failure
     */
    public Result run(BenchDatabase database) throws Exception {
        long starting = System.nanoTime();
        try (EmbeddedQStashBroker broker = EmbeddedQStashBroker.builder()
            .properties(BenchBrokers.properties())
            .databaseUrl(database.url())
            .start();
                BrokerPublisher publisher = new BrokerPublisher(broker.getUrl(), broker.getToken(),
                        this.receiver.deliveryUrl(), this.settings.concurrency())) {
            long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - starting);
            // Warm up the path (JIT, connections) without measuring.
            this.receiver.arrivals().clear();
            ClosedLoop.Result warmUp = ClosedLoop.run(this.settings.concurrency(),
                    Duration.ofSeconds(this.settings.quick() ? 1 : 3),
                    (t) -> publisher.publish(this.ids.incrementAndGet()));
            awaitDrained(warmUp.operations(), Duration.ofSeconds(60));
            Latencies[] idle = idleLatency(publisher);
            Throughput throughput = throughput(publisher);
            double halfRate = throughput.deliveredRate() / 2;
            Latencies half = latencyAtRate(publisher, halfRate);
            return new Result(idle[0], idle[1], idle[2], throughput, half, halfRate, startMillis);
        }
    }

    private Latencies[] idleLatency(BrokerPublisher publisher) throws Exception {
        ArrivalLog arrivals = this.receiver.arrivals();
        Latencies total = new Latencies();
        Latencies ack = new Latencies();
        Latencies afterAck = new Latencies();
        long budgetEnd = System.nanoTime() + Duration.ofSeconds(this.settings.quick() ? 10 : 30).toNanos();
        for (int i = 0; i < this.settings.latencySamples() && System.nanoTime() - budgetEnd < 0; i++) {
            long id = this.ids.incrementAndGet();
            CompletableFuture<Long> arrival = arrivals.arrival(id);
            long sent = System.nanoTime();
            publisher.publish(id);
            long acknowledged = System.nanoTime();
            long arrived = arrival.get(30, TimeUnit.SECONDS);
            total.recordNanos(arrived - sent);
            ack.recordNanos(acknowledged - sent);
            afterAck.recordNanos(arrived - acknowledged);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return new Latencies[] { total, ack, afterAck };
    }

    private Throughput throughput(BrokerPublisher publisher) throws Exception {
        ArrivalLog arrivals = this.receiver.arrivals();
        arrivals.clear();
        Set<Long> accepted = ConcurrentHashMap.newKeySet();
        long start = System.nanoTime();
        ClosedLoop.Result publishing = ClosedLoop.run(this.settings.concurrency(), this.settings.duration(), (t) -> {
            long id = this.ids.incrementAndGet();
            publisher.publish(id);
            accepted.add(id);
        });
        long backlog = accepted.size() - arrivals.distinct();
        long lastNeeded = awaitAll(accepted,
                Duration.ofSeconds(Math.max(60, this.settings.duration().toSeconds() * 3)));
        double totalSeconds = (lastNeeded - start) / 1e9;
        long missing = arrivals.missing(accepted);
        return new Throughput(accepted.size(), publishing.nanos() / 1e9, publishing.perSecond(), totalSeconds,
                accepted.size() / totalSeconds, Math.max(0, backlog), missing, arrivals.duplicates(),
                publishing.errors(), publishing.firstError());
    }

    private Latencies latencyAtRate(BrokerPublisher publisher, double rate) throws Exception {
        Latencies latencies = new Latencies();
        ArrivalLog arrivals = this.receiver.arrivals();
        Set<Long> accepted = ConcurrentHashMap.newKeySet();
        ExecutorService senders = Executors.newFixedThreadPool(this.settings.concurrency());
        long interval = (long) (1e9 / Math.max(1, rate));
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(this.settings.quick() ? 5 : 15).toNanos();
        try {
            for (long intended = start; intended - end < 0; intended += interval) {
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long scheduled = intended;
                long id = this.ids.incrementAndGet();
                senders.execute(() -> {
                    arrivals.arrival(id).thenAccept((arrived) -> latencies.recordNanos(arrived - scheduled));
                    try {
                        publisher.publish(id);
                        accepted.add(id);
                    }
                    catch (Exception ex) {
                        System.err.println("publish failed: " + ex);
                    }
                });
            }
        }
        finally {
            senders.shutdown();
            senders.awaitTermination(1, TimeUnit.MINUTES);
        }
        awaitAll(accepted, Duration.ofSeconds(60));
        return latencies;
    }

    private long awaitAll(Set<Long> accepted, Duration timeout) {
        ArrivalLog arrivals = this.receiver.arrivals();
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = 0;
        while (System.nanoTime() - deadline < 0) {
            if (arrivals.missing(accepted) == 0) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        for (Long id : accepted) {
            Long at = arrivals.arrivedAt(id);
            if (at != null && (last == 0 || at - last > 0)) {
                last = at;
            }
        }
        return (last != 0) ? last : System.nanoTime();
    }

    private void awaitDrained(long target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0 && this.receiver.arrivals().distinct() < target) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

}

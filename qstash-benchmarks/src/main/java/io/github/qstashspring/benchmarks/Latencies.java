package io.github.qstashspring.benchmarks;

import java.util.Locale;

import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * A thread-safe latency recorder (HdrHistogram, microsecond resolution, up to 10
 * minutes).
 */
public final class Latencies {

    private final Recorder recorder = new Recorder(600_000_000L, 3);

    private final Histogram total = new Histogram(600_000_000L, 3);

    /**
     * Records one latency.
     * @param nanos the latency in nanoseconds
     */
    public void recordNanos(long nanos) {
        this.recorder.recordValue(Math.max(1, nanos / 1000));
    }

    /**
     * @return every value recorded so far
     */
    public synchronized Histogram histogram() {
        this.total.add(this.recorder.getIntervalHistogram());
        return this.total;
    }

    /**
     * @return "p50 1.2 ms / p99 8.0 ms / max 12.3 ms (n=500)"
     */
    public String summary() {
        Histogram histogram = histogram();
        return String.format(Locale.ROOT, "p50 %s / p99 %s / max %s (n=%d)", millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(99)), millis(histogram.getMaxValue()), histogram.getTotalCount());
    }

    /**
     * Formats microseconds as milliseconds.
     * @param micros the value
     * @return e.g. "1.23 ms"
     */
    public static String millis(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }

}

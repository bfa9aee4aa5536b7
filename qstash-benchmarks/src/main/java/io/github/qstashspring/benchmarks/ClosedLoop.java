package io.github.qstashspring.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs an operation as fast as possible on {@code concurrency} threads for a while and
 * counts the successful calls: the driver of every closed-loop measurement.
 */
public final class ClosedLoop {

    private ClosedLoop() {
    }

    /** One call of the measured operation. */
    @FunctionalInterface
    public interface Operation {

        /**
         * Performs one call.
         * @param thread the index of the calling thread
         * @throws Exception when the call failed (counted as an error)
         */
        void call(int thread) throws Exception;

    }

    /**
     * The outcome of a run.
     *
     * @param operations successful calls
     * @param errors failed calls
     * @param nanos elapsed time
     * @param firstError the first failure, or "" when none
     */
    public record Result(long operations, long errors, long nanos, String firstError) {

        /**
         * @return successful calls per second
         */
        public double perSecond() {
            return this.operations * 1e9 / this.nanos;
        }

        /**
         * @return mean time per call on one thread, in microseconds, for a run of one
         * thread
         */
        public double meanMicros() {
            return this.nanos / 1000.0 / Math.max(1, this.operations);
        }
    }

    /**
     * Runs the operation.
     * @param concurrency threads
     * @param duration how long
     * @param operation the operation
     * @return the counts
     * @throws InterruptedException when interrupted
     */
    public static Result run(int concurrency, Duration duration, Operation operation) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        StringBuffer firstError = new StringBuffer();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                while (System.nanoTime() - end < 0) {
                    try {
                        operation.call(index);
                        done.incrementAndGet();
                    }
                    catch (Exception ex) {
                        if (errors.getAndIncrement() == 0) {
                            firstError.append(ex);
                        }
                    }
                }
            }, "bench-load-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Result(done.get(), errors.get(), System.nanoTime() - start, firstError.toString());
    }

}

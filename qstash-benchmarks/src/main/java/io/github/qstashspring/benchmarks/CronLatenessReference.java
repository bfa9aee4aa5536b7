package io.github.qstashspring.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The reference of cron tick lateness: a {@link ScheduledExecutorService} aimed at each
 * next whole second of the wall clock, recording how late (in wall-clock time) each tick
 * ran.
 */
public final class CronLatenessReference {

    private CronLatenessReference() {
    }

    /**
     * Measures {@code ticks} consecutive whole-second ticks.
     * @param ticks how many
     * @return the lateness of each tick
     * @throws InterruptedException when interrupted
     */
    public static Latencies measure(int ticks) throws InterruptedException {
        Latencies lateness = new Latencies();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch done = new CountDownLatch(ticks);
        try {
            scheduleNext(scheduler, lateness, done);
            done.await();
        }
        finally {
            scheduler.shutdownNow();
        }
        return lateness;
    }

    private static void scheduleNext(ScheduledExecutorService scheduler, Latencies lateness, CountDownLatch done) {
        long now = System.currentTimeMillis();
        long target = (now / 1000 + 1) * 1000;
        scheduler.schedule(() -> {
            long late = System.currentTimeMillis() - target;
            lateness.recordNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(0, late)));
            done.countDown();
            if (done.getCount() > 0) {
                scheduleNext(scheduler, lateness, done);
            }
        }, target - now, TimeUnit.MILLISECONDS);
    }

}

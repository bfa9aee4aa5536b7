package io.github.qstashspring.broker.schedule;

import java.time.Clock;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Fires due schedule ticks on a background thread, on time: after each round it sleeps
 * until the earliest next tick on the broker's clock, at most one poll interval, and a
 * {@link TickerWakeUp} cuts the sleep short when a schedule is created, replaced or
 * resumed through this broker or the clock is moved. The poll interval bounds how late a
 * tick is seen that the sleep did not aim at: one created through another broker sharing
 * the database, or a clock that jumped. Ticks are compared with the broker's clock, so
 * the first round after a start fires a tick missed while the broker was down (once).
 */
final class ScheduleTicker implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(ScheduleTicker.class);

    private final ScheduleService schedules;

    private final TickerWakeUp wakeUp;

    private final Clock clock;

    private final long intervalMillis;

    private volatile boolean running;

    private Thread thread = new Thread(() -> {
    });

    /**
     * Creates the ticker.
     * @param schedules the schedules
     * @param wakeUp wakes the ticker when the earliest tick may have moved closer
     * @param clock the broker's clock
     * @param interval the longest sleep between two looks for due ticks
     */
    ScheduleTicker(ScheduleService schedules, TickerWakeUp wakeUp, Clock clock, Duration interval) {
        this.schedules = schedules;
        this.wakeUp = wakeUp;
        this.clock = clock;
        this.intervalMillis = Math.max(10, interval.toMillis());
    }

    @Override
    public void start() {
        this.running = true;
        this.thread = new Thread(this::loop, "qstash-schedules");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        boolean retried = false;
        while (this.running) {
            long sleep;
            try {
                int fired = this.schedules.fireDue();
                sleep = sleepMillis(this.schedules.nextTickAt(), this.clock.millis(), this.intervalMillis);
                if (sleep == 0 && fired == 0 && retried) {
                    // Due but not fired twice in a row: the tick failed (logged); try at
                    // the next poll.
                    sleep = this.intervalMillis;
                }
                // A tick due right after the round's read of the clock is fired at once,
                // but only once
                // without progress, so that a failing tick cannot make the ticker spin.
                retried = sleep == 0 && fired == 0;
            }
            catch (RuntimeException ex) {
                logger.warn("Firing schedules failed; retrying at the next poll", ex);
                sleep = this.intervalMillis;
                retried = false;
            }
            try {
                this.wakeUp.await(sleep);
            }
            catch (InterruptedException ex) {
                return;
            }
        }
    }

    /**
     * How long the ticker sleeps before its next round.
     * @param nextTick the earliest next tick (epoch milliseconds, {@link Long#MAX_VALUE}
     * for none)
     * @param now the broker's time
     * @param interval the poll interval in milliseconds
     * @return {@code nextTick - now}, at least 0 and at most {@code interval}
     */
    static long sleepMillis(long nextTick, long now, long interval) {
        if (nextTick <= now) {
            return 0;
        }
        return Math.min(nextTick - now, interval);
    }

    @Override
    public void stop() {
        this.running = false;
        this.thread.interrupt();
        try {
            this.thread.join(5000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        // Stop before the dispatcher, after the web server.
        return Integer.MAX_VALUE - 1024;
    }

}

package io.github.qstashspring.broker.schedule;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Fires due schedule ticks every poll interval on a background thread. Ticks are compared with
 * the broker's clock, so the first poll after a start fires a tick missed while the broker was
 * down (once).
 */
public class ScheduleTicker implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(ScheduleTicker.class);

    private final ScheduleService schedules;

    private final long intervalMillis;

    private volatile boolean running;

    private Thread thread = new Thread(() -> { });

    /**
     * Creates the ticker.
     * @param schedules the schedules
     * @param interval how often due ticks are looked for
     */
    public ScheduleTicker(ScheduleService schedules, Duration interval) {
        this.schedules = schedules;
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
        while (this.running) {
            try {
                this.schedules.fireDue();
            }
            catch (RuntimeException ex) {
                logger.warn("Firing schedules failed; retrying at the next poll", ex);
            }
            try {
                Thread.sleep(this.intervalMillis);
            }
            catch (InterruptedException ex) {
                return;
            }
        }
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

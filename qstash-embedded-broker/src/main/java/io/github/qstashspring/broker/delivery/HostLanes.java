package io.github.qstashspring.broker.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The delivery threads' share per destination host: at most {@code maxPerHost} attempts
 * to one host run at once; the others wait here, in order, without holding a thread, so
 * that a host that answers slowly cannot occupy every delivery thread.
 *
 * @param <A> an attempt
 */
final class HostLanes<A> {

    private final int maxPerHost;

    private final Map<String, Lane<A>> lanes = new HashMap<>();

    HostLanes(int maxPerHost) {
        this.maxPerHost = maxPerHost;
    }

    /**
     * Lets an attempt run now, or makes it wait for its host.
     * @param host the host
     * @param attempt the attempt
     * @return whether it may run now (if not, {@link #finished} hands it out later)
     */
    synchronized boolean admit(String host, A attempt) {
        Lane<A> lane = this.lanes.computeIfAbsent(host, (key) -> new Lane<>());
        if (lane.running < this.maxPerHost) {
            lane.running++;
            return true;
        }
        lane.waiting.add(attempt);
        return false;
    }

    /**
     * An attempt to a host ended (or could not start).
     * @param host the host
     * @return the host's next waiting attempt, which may run now, or {@code null}
     */
    synchronized @Nullable A finished(String host) {
        Lane<A> lane = this.lanes.get(host);
        if (lane == null) {
            return null;
        }
        A next = lane.waiting.poll();
        if (next == null) {
            lane.running--;
            if (lane.running <= 0) {
                this.lanes.remove(host);
            }
        }
        return next;
    }

    /**
     * Removes every waiting attempt (a stop).
     * @return the attempts that had not started
     */
    synchronized List<A> drainWaiting() {
        List<A> waiting = new ArrayList<>();
        for (Lane<A> lane : this.lanes.values()) {
            waiting.addAll(lane.waiting);
            lane.waiting.clear();
        }
        return waiting;
    }

    private static final class Lane<A> {

        private int running;

        private final ArrayDeque<A> waiting = new ArrayDeque<>();

    }

}

package io.github.qstashspring.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the application received, in arrival order; shared by the filter and the handle.
 */
final class DeliveryRecorder {

    private final List<ReceivedDelivery> received = new CopyOnWriteArrayList<>();

    void record(ReceivedDelivery delivery) {
        this.received.add(delivery);
    }

    List<ReceivedDelivery> all() {
        return List.copyOf(this.received);
    }

    void clear() {
        this.received.clear();
    }

}

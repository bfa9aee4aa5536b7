package io.github.qstashspring.benchmarks.receiver;

import java.util.Objects;

import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.listener.QStashMessage;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The receiver's routes: {@value #DELIVERY_PATH} (the end-to-end listener, verifies and
 * notes the arrival), {@value #TICK_PATH} (the listener of schedule ticks, verifies and
 * notes the tick's arrival), {@value #LISTENER_NOOP_PATH} (a listener that does nothing
 * after verification) and {@value #PLAIN_NOOP_PATH} (a plain {@code @PostMapping} with
 * the same body, no verification).
 */
@Controller
class BenchmarkEndpoints {

    static final String DELIVERY_PATH = "/bench/deliveries";

    static final String TICK_PATH = "/bench/ticks";

    static final String LISTENER_NOOP_PATH = "/bench/listener";

    static final String PLAIN_NOOP_PATH = "/bench/plain";

    private final ArrivalLog arrivals;

    private final TickLog ticks;

    BenchmarkEndpoints(ArrivalLog arrivals, TickLog ticks) {
        this.arrivals = arrivals;
        this.ticks = ticks;
    }

    @QStashListener(path = DELIVERY_PATH)
    void delivered(byte[] body) {
        this.arrivals.arrived(body);
    }

    @QStashListener(path = TICK_PATH)
    void tick(QStashMessage<byte[]> message) {
        this.ticks.arrived(Objects.requireNonNull(message.messageId(), "Upstash-Message-Id"));
    }

    @QStashListener(path = LISTENER_NOOP_PATH)
    void listener(byte[] body) {
        // Verified and bound; nothing else, to compare with the plain mapping.
    }

    @PostMapping(PLAIN_NOOP_PATH)
    ResponseEntity<Void> plain(@RequestBody byte[] body) {
        return ResponseEntity.ok().build();
    }

}

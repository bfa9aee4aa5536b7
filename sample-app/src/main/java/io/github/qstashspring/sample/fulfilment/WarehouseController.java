package io.github.qstashspring.sample.fulfilment;

import java.util.List;

import io.github.qstashspring.client.NotifyResponse;
import io.github.qstashspring.client.QStashOperations;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the warehouse reports packed orders: {@code POST /warehouse/packed} notifies the
 * order's fulfilment run of the event it waits for. The notification names the run, so
 * QStash keeps it if the run does not wait yet.
 */
@RestController
class WarehouseController {

    private final QStashOperations qstash;

    WarehouseController(QStashOperations qstash) {
        this.qstash = qstash;
    }

    @PostMapping("/warehouse/packed")
    ResponseEntity<Void> packed(@RequestBody WarehouseEvent event) {
        List<NotifyResponse> notified = this.qstash.workflows()
            .notifyRun(OrderFulfilment.runId(event.orderId()), OrderFulfilment.packedEventId(event.orderId()), event);
        return notified.isEmpty() ? ResponseEntity.notFound().build() : ResponseEntity.accepted().build();
    }

}

package io.github.qstashspring.endtoend;

import io.github.qstashspring.endtoend.WorkflowTestApplication.Journal;
import io.github.qstashspring.endtoend.Workflows.Order;
import io.github.qstashspring.endtoend.Workflows.Quote;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** A plain HTTP service of the application that workflows {@code call} through QStash. */
@RestController
class ShopController {

    private final Journal journal;

    ShopController(Journal journal) {
        this.journal = journal;
    }

    @PostMapping("/shop/quotes")
    ResponseEntity<Quote> quote(@RequestBody Order order, @RequestHeader("X-Shop-Key") String key) {
        this.journal.record(order.id(), "quote requested with key " + key);
        return ResponseEntity.status(201).header("X-Quote-Id", "q-" + order.id()).body(new Quote(order.id(), 499));
    }

}

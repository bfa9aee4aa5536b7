package io.github.qstashspring.sample.messaging;

import java.util.List;

import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.sample.order.OrderBook;
import io.github.qstashspring.sample.order.OrderRecord;
import io.github.qstashspring.schedule.QStashSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The nightly report of the orders still in progress. QStash calls it on a cron: at
 * startup the application creates (or updates) the schedule
 * {@code qstash-sample.open-orders-report}, every night at 02:00 Berlin time, to this
 * listener's URL. The answer (the report's text) is what QStash logs as the response.
 */
@Component
class OpenOrdersReport {

    private static final Logger logger = LoggerFactory.getLogger(OpenOrdersReport.class);

    private final OrderBook book;

    OpenOrdersReport(OrderBook book) {
        this.book = book;
    }

    @QStashListener(path = ListenerPaths.OPEN_ORDERS_REPORT, id = "open-orders-report")
    @QStashSchedule(cron = "CRON_TZ=Europe/Berlin 0 2 * * *")
    String report() {
        List<OrderRecord> open = this.book.openOrders();
        String report = open.size() + " open order(s)" + (open.isEmpty() ? ""
                : ": " + String.join(", ", open.stream().map((r) -> r.order().id() + " " + r.status()).toList()));
        logger.info("Nightly report: {}", report);
        return report;
    }

}

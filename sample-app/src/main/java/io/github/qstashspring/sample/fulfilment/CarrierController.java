package io.github.qstashspring.sample.fulfilment;

import io.github.qstashspring.sample.order.Order;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for the carrier's HTTP API, which the fulfilment workflow calls through
 * QStash ({@code context.call}): {@code POST /carrier/bookings} books a pickup and
 * answers {@code 201} with a tracking number.
 */
@RestController
class CarrierController {

    private static final Logger logger = LoggerFactory.getLogger(CarrierController.class);

    @PostMapping("/carrier/bookings")
    @ResponseStatus(HttpStatus.CREATED)
    CarrierBooking book(@RequestBody Order order) {
        logger.info("Carrier booked a pickup of {} x {} for order {}", order.quantity(), order.item(), order.id());
        return new CarrierBooking(order.id(), "TRK-" + order.id());
    }

}

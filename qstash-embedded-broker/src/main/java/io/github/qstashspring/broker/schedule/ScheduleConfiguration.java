package io.github.qstashspring.broker.schedule;

import java.time.Clock;

import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.delivery.DeliveryConfiguration;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.message.PublishService;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.ResourceStore;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Schedules in the broker's context: their resource, the ticker that fires them on time,
 * and their part of the broker's due work (due ticks are fired when the clock moved).
 * <p>
 * Deliberately not a {@code @Configuration}: it is only ever imported by the broker's own
 * context, so a host application's component scanning can never pick it up.
 */
public final class ScheduleConfiguration {

    @Bean
    TickerWakeUp tickerWakeUp() {
        return new TickerWakeUp();
    }

    @Bean
    ScheduleService scheduleService(TransactionTemplate brokerTransactionTemplate, ResourceStore resourceStore,
            MessageStore messageStore, PublishService publishService, Clock brokerClock, TickerWakeUp tickerWakeUp) {
        return new ScheduleService(brokerTransactionTemplate, resourceStore, messageStore, publishService, brokerClock,
                tickerWakeUp);
    }

    @Bean
    ScheduleTicker scheduleTicker(ScheduleService scheduleService, TickerWakeUp tickerWakeUp,
            DeliveryConfiguration.Settings delivery, Clock brokerClock) {
        return new ScheduleTicker(scheduleService, tickerWakeUp, brokerClock, delivery.pollInterval());
    }

    @Bean
    Dispatcher.DueWork scheduleDueWork(ScheduleService scheduleService, TickerWakeUp tickerWakeUp) {
        // Due ticks fire before the call returns; the ticker aims anew at the next tick.
        return () -> {
            scheduleService.fireDue();
            tickerWakeUp.wake();
        };
    }

    @Bean
    ApiResource schedulesResource(ScheduleService scheduleService, PublishService publishService) {
        return new SchedulesResource(scheduleService, publishService);
    }

}

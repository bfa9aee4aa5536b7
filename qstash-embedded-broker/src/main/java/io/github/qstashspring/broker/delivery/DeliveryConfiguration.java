package io.github.qstashspring.broker.delivery;

import java.time.Clock;

import io.github.qstashspring.broker.QStashBrokerProperties;
import io.github.qstashspring.broker.flow.FlowControl;
import io.github.qstashspring.broker.store.FlowKeyStore;
import org.springframework.jdbc.core.JdbcTemplate;
import io.github.qstashspring.broker.message.LogRecorder;
import io.github.qstashspring.broker.message.QueueTurns;
import io.github.qstashspring.broker.message.SigningKeys;
import io.github.qstashspring.broker.store.BrokerDatabase;
import io.github.qstashspring.broker.store.DedupRepository;
import io.github.qstashspring.broker.store.LogRepository;
import io.github.qstashspring.broker.store.GroupCommit;
import io.github.qstashspring.broker.store.MessageClaimer;
import io.github.qstashspring.broker.store.MessageRepository;
import io.github.qstashspring.broker.store.MessageRows;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dispatcher of the broker's context. Deliberately not a {@code @Configuration}: it
 * is only imported by the broker's own context, so a host application's component
 * scanning never picks it up.
 */
public class DeliveryConfiguration {

    @Bean
    DeliveryDispatcher deliveryDispatcher(TransactionTemplate brokerTransactionTemplate, GroupCommit groupCommit,
            MessageClaimer claimer, MessageRepository messages, MessageRows messageRows, LogRepository logs,
            DedupRepository dedup, LogRecorder logRecorder, QueueTurns queueTurns, SigningKeys signingKeys,
            BrokerDatabase database, QStashBrokerProperties properties, JsonMapper brokerJsonMapper,
            FlowControl flowControl, Clock brokerClock) {
        OutcomeRecorder outcomeRecorder = new OutcomeRecorder(groupCommit, messages, messageRows, claimer, logRecorder,
                queueTurns, new CallbackMessages(brokerJsonMapper), brokerClock);
        return new DeliveryDispatcher(brokerTransactionTemplate, claimer, messageRows, logs, dedup, logRecorder,
                outcomeRecorder, signingKeys, database, properties, flowControl, brokerClock);
    }

    @Bean
    FlowControl flowControl(TransactionTemplate brokerTransactionTemplate, JdbcTemplate brokerJdbcTemplate,
            Clock brokerClock) {
        return new FlowControl(brokerTransactionTemplate, new FlowKeyStore(brokerJdbcTemplate), brokerClock);
    }

}

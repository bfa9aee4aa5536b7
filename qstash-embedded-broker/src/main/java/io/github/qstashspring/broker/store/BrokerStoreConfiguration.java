package io.github.qstashspring.broker.store;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The broker's own persistence, wired by hand so that it never mixes with a host
 * application's: a Hikari pool on the configured database, Flyway migrations from the
 * broker's own location, Hibernate over the entities of this package, Spring Data
 * repositories, and the two doors of this package, {@link MessageStore} and
 * {@link ResourceStore}. Other packages also get the broker's transactions:
 * {@code brokerTransactionTemplate} and {@code brokerGroupCommit}, a
 * {@link TransactionOperations} whose transactions concurrent callers share (one commit
 * for many publishes and outcomes).
 * <p>
 * Deliberately not a {@code @Configuration}: it is only ever imported by the broker's own
 * context, so a host application's component scanning can never pick it up.
 */
@EnableJpaRepositories(basePackageClasses = BrokerStoreConfiguration.class,
        entityManagerFactoryRef = "brokerEntityManagerFactory", transactionManagerRef = "brokerTransactionManager")
public final class BrokerStoreConfiguration {

    @Bean
    BrokerDatabase brokerDatabase(Settings settings) {
        return BrokerDatabase.of(settings.url());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource brokerDataSource(Settings settings, BrokerDatabase database) {
        return database.open(settings.username(), settings.password(), settings.maxPoolSize());
    }

    @Bean
    LocalContainerEntityManagerFactoryBean brokerEntityManagerFactory(DataSource brokerDataSource) {
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(brokerDataSource);
        factory.setPersistenceUnitName("qstash-broker");
        factory.setPackagesToScan(BrokerStoreConfiguration.class.getPackageName());
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "none", "hibernate.jdbc.batch_size", "100",
                "hibernate.order_inserts", "true", "hibernate.order_updates", "true",
                "hibernate.connection.provider_disables_autocommit", "true"));
        return factory;
    }

    @Bean
    JpaTransactionManager brokerTransactionManager(EntityManagerFactory brokerEntityManagerFactory) {
        return new JpaTransactionManager(brokerEntityManagerFactory);
    }

    @Bean
    TransactionTemplate brokerTransactionTemplate(PlatformTransactionManager brokerTransactionManager) {
        return new TransactionTemplate(brokerTransactionManager);
    }

    @Bean
    JdbcTemplate brokerJdbcTemplate(DataSource brokerDataSource) {
        return new JdbcTemplate(brokerDataSource);
    }

    @Bean
    TransactionOperations brokerGroupCommit(TransactionTemplate brokerTransactionTemplate, BrokerDatabase database,
            Settings settings) {
        // H2 serialises its commits, so one shared transaction at a time carries the most
        // publishes; PostgreSQL overlaps several (and groups their commits itself). Keep
        // connections free for the dispatcher, the recorder and the API's reads.
        int concurrent = database.isPostgres() ? Math.max(1, settings.maxPoolSize() / 3) : 1;
        // Where a commit is expensive (H2 file: a store write; PostgreSQL: a WAL flush),
        // wait up to 2 ms for publishes and outcomes on their way when more than 1,000
        // arrive a second: a commit then carries several instead of one or two. In memory
        // a commit costs less than the wait.
        Duration lingerGap = (database.isPostgres() || database.isH2File()) ? Duration.ofMillis(1) : Duration.ZERO;
        return new GroupCommit(brokerTransactionTemplate, concurrent, 64, lingerGap, Duration.ofMillis(2));
    }

    @Bean
    QueueTurns queueTurns(QueueRepository queues, MessageRepository messages) {
        return new QueueTurns(queues, messages);
    }

    @Bean
    ClaimOwners claimOwners(JdbcTemplate brokerJdbcTemplate, BrokerDatabase database) {
        return new ClaimOwners(brokerJdbcTemplate, database);
    }

    @Bean
    MessageStore messageStore(MessageRepository messages, LogRepository logs, QueueTurns queueTurns,
            BrokerDatabase database, JdbcTemplate brokerJdbcTemplate, TransactionTemplate brokerTransactionTemplate,
            ClaimOwners claimOwners) {
        return new DatabaseMessageStore(messages, logs, queueTurns, database, brokerJdbcTemplate,
                brokerTransactionTemplate, claimOwners);
    }

    @Bean
    ResourceStore resourceStore(JdbcTemplate brokerJdbcTemplate, QueueRepository queues, QueueTurns queueTurns,
            SigningKeysRepository signingKeys, ClaimOwners claimOwners, TransactionTemplate brokerTransactionTemplate) {
        return new DatabaseResourceStore(brokerJdbcTemplate, queues, queueTurns, signingKeys, claimOwners,
                brokerTransactionTemplate);
    }

    @Bean
    WorkflowStore workflowStore(JdbcTemplate brokerJdbcTemplate) {
        return new WorkflowRows(brokerJdbcTemplate);
    }

    /**
     * The database of the broker.
     *
     * @param url an H2 or PostgreSQL JDBC URL
     * @param username the user, or {@code null}
     * @param password the password, or {@code null}
     * @param maxPoolSize the most connections
     */
    public record Settings(String url, @Nullable String username, @Nullable String password, int maxPoolSize) {

        @Override
        public String toString() {
            // The URL may carry credentials too.
            return "Settings[url, username and password hidden, maxPoolSize=" + this.maxPoolSize + "]";
        }

    }

}

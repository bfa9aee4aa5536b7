package io.github.qstashspring.broker.store;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.qstashspring.broker.QStashBrokerProperties;
import jakarta.persistence.EntityManagerFactory;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The broker's own persistence, wired by hand so that it never mixes with a host
 * application's: a Hikari pool on {@code qstash.embedded.database.url}, Flyway migrations
 * from the broker's own location, Hibernate over the entities of this package and Spring
 * Data repositories.
 * <p>
 * Deliberately not a {@code @Configuration}: it is only ever imported by the broker's own
 * context, so a host application's component scanning can never pick it up.
 */
@EnableJpaRepositories(basePackageClasses = MessageRepository.class,
        entityManagerFactoryRef = "brokerEntityManagerFactory", transactionManagerRef = "brokerTransactionManager")
public class BrokerStoreConfiguration {

    @Bean
    BrokerDatabase brokerDatabase(QStashBrokerProperties properties) {
        return BrokerDatabase.of(properties.getDatabase().getUrl());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource brokerDataSource(QStashBrokerProperties properties, BrokerDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("qstash-broker");
        config.setJdbcUrl(database.getUrl());
        config.setUsername(properties.getDatabase().getUsername());
        config.setPassword(properties.getDatabase().getPassword());
        config.setMaximumPoolSize(properties.getDatabase().getMaxPoolSize());
        config.setAutoCommit(false);
        if (database.isPostgres()) {
            // A batch of inserts becomes one multi-row INSERT: one round trip instead of
            // one per row.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure()
            .dataSource(dataSource)
            .locations(database.getMigrationLocation())
            .table("qs_schema_history")
            .load()
            .migrate();
        return dataSource;
    }

    @Bean
    LocalContainerEntityManagerFactoryBean brokerEntityManagerFactory(DataSource brokerDataSource) {
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(brokerDataSource);
        factory.setPersistenceUnitName("qstash-broker");
        factory.setPackagesToScan(MessageEntity.class.getPackageName());
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
    MessageClaimer messageClaimer(JdbcTemplate brokerJdbcTemplate, BrokerDatabase database) {
        return new MessageClaimer(brokerJdbcTemplate, database);
    }

    @Bean
    MessageRows messageRows(JdbcTemplate brokerJdbcTemplate, BrokerDatabase database) {
        return new MessageRows(brokerJdbcTemplate, database);
    }

    @Bean
    BatchedWrites batchedWrites(MessageRows messageRows, JdbcTemplate brokerJdbcTemplate, BrokerDatabase database) {
        return new BatchedWrites(messageRows, new LogRows(brokerJdbcTemplate, database));
    }

    @Bean
    GroupCommit groupCommit(TransactionTemplate brokerTransactionTemplate, BrokerDatabase database,
            QStashBrokerProperties properties) {
        // H2 serialises its commits, so one shared transaction at a time carries the most
        // publishes;
        // PostgreSQL overlaps several (and groups their commits itself). Keep connections
        // free for
        // the dispatcher, the recorder and the API's reads.
        int concurrent = database.isPostgres() ? Math.max(1, properties.getDatabase().getMaxPoolSize() / 3) : 1;
        // Where a commit is expensive (H2 file: a store write; PostgreSQL: a WAL flush),
        // wait up to
        // 2 ms for publishes and outcomes on their way when more than 1,000 arrive a
        // second: a
        // commit then carries several instead of one or two. In memory a commit costs
        // less than
        // the wait.
        Duration lingerGap = (database.isPostgres() || database.isH2File()) ? Duration.ofMillis(1) : Duration.ZERO;
        return new GroupCommit(brokerTransactionTemplate, concurrent, 64, lingerGap, Duration.ofMillis(2));
    }

}

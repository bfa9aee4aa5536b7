package io.github.qstashspring.broker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans H2 chooses for the dispatcher's statements. H2 plans a prepared statement
 * once, when it is first prepared, and the broker prepares them at start, on an empty
 * table: a plan that walks an index by state then costs a visit of every waiting message
 * per claimed message once a backlog has built up (the regression of the 2026-11-22
 * benchmark). Each statement must therefore be planned on the index that bounds its work
 * even when the table is empty.
 */
class HotPathPlanTests {

    private final JdbcDataSource dataSource = new JdbcDataSource();

    @BeforeEach
    void migrateAnEmptyDatabase() {
        this.dataSource.setURL("jdbc:h2:mem:plans-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
            .dataSource(this.dataSource)
            .locations(BrokerDatabase.of(this.dataSource.getURL()).getMigrationLocation())
            .table("qs_schema_history")
            .load()
            .migrate();
    }

    @Test
    void claimingAHandedOverIdLooksUpItsPrimaryKey() throws Exception {
        assertThat(plan(MessageClaimer.CLAIM_ONE, 1L, "msg_1", 1L)).contains("PRIMARY_KEY");
    }

    @Test
    void releasingAnExpiredLeaseLooksUpItsPrimaryKey() throws Exception {
        assertThat(plan(MessageClaimer.RELEASE_EXPIRED, 1L, "msg_1", 1L)).contains("PRIMARY_KEY");
    }

    @Test
    void flowControlKeysWithDueMessagesAreProbedThroughTheFlowIndex() throws Exception {
        assertThat(plan(FlowKeyRows.KEYS_WITH_DUE_MESSAGES, 1L)).contains("QS_MESSAGE_FLOW")
            .doesNotContain("QS_MESSAGE_DUE");
    }

    @Test
    void aKeysDueMessagesAreReadInTheOrderOfTheFlowIndex() throws Exception {
        assertThat(plan(FlowKeyRows.DUE_OF_KEY, "key", 1L, 10)).contains("QS_MESSAGE_FLOW").contains("index sorted");
    }

    private String plan(String sql, Object... parameters) throws Exception {
        try (Connection connection = this.dataSource.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = explain.executeQuery()) {
                assertThat(result.next()).isTrue();
                return result.getString(1);
            }
        }
    }

}

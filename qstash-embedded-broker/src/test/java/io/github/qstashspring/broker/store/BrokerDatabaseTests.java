package io.github.qstashspring.broker.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BrokerDatabaseTests {

    @Test
    void h2FileUrlsBecomeCrashSafe(@TempDir Path directory) throws Exception {
        BrokerDatabase database = BrokerDatabase.of("jdbc:h2:file:" + directory.resolve("db"));
        assertThat(database.getUrl()).endsWith(";WRITE_DELAY=0");
        assertThat(database.isH2File()).isTrue();
        try (Connection connection = DriverManager.getConnection(database.getUrl());
                ResultSet result = connection.createStatement()
                    .executeQuery(
                            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("0");
        }
    }

    @Test
    void explicitWriteDelayAndMemoryUrlsAreKept() {
        assertThat(BrokerDatabase.of("jdbc:h2:file:./x;WRITE_DELAY=10").getUrl())
            .isEqualTo("jdbc:h2:file:./x;WRITE_DELAY=10");
        assertThat(BrokerDatabase.of("jdbc:h2:mem:x").getUrl()).isEqualTo("jdbc:h2:mem:x");
        assertThat(BrokerDatabase.of("jdbc:postgresql://db/q").isPostgres()).isTrue();
        assertThat(BrokerDatabase.of("jdbc:postgresql://db/q").getMigrationLocation())
            .isEqualTo("classpath:io/github/qstashspring/broker/db/migration/postgresql");
    }

    @Test
    void anH2DatabaseIsOpenedAloneUnlessAnotherBrokerHasItOpen() {
        String url = "jdbc:h2:mem:opened-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        BrokerDatabase first = BrokerDatabase.of(url);
        try (HikariDataSource firstPool = first.open(null, null, 2)) {
            assertThat(first.isOpenedAlone()).isTrue();
            BrokerDatabase second = BrokerDatabase.of(url);
            try (HikariDataSource secondPool = second.open(null, null, 2)) {
                assertThat(second.isOpenedAlone()).isFalse();
            }
        }
        BrokerDatabase afterBoth = BrokerDatabase.of(url);
        try (HikariDataSource pool = afterBoth.open(null, null, 2)) {
            assertThat(afterBoth.isOpenedAlone()).isTrue();
        }
    }

    @Test
    void otherDatabasesAreRejectedNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> BrokerDatabase.of("jdbc:mysql://db/q"))
            .withMessageContaining("qstash.embedded.database.url");
    }

}

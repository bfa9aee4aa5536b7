package io.github.qstashspring.broker.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import org.jspecify.annotations.Nullable;

/**
 * Binds the parameters of one row of a prepared statement in order, with the SQL type of
 * each {@code null} stated (PostgreSQL's driver needs it).
 */
final class Parameters {

    private final PreparedStatement statement;

    private int index;

    Parameters(PreparedStatement statement) {
        this.statement = statement;
    }

    Parameters string(@Nullable String value) throws SQLException {
        this.statement.setObject(++this.index, value, Types.VARCHAR);
        return this;
    }

    Parameters number(long value) throws SQLException {
        this.statement.setLong(++this.index, value);
        return this;
    }

    Parameters number(@Nullable Long value) throws SQLException {
        this.statement.setObject(++this.index, value, Types.BIGINT);
        return this;
    }

    Parameters integer(@Nullable Integer value) throws SQLException {
        this.statement.setObject(++this.index, value, Types.INTEGER);
        return this;
    }

    Parameters bool(boolean value) throws SQLException {
        this.statement.setBoolean(++this.index, value);
        return this;
    }

    Parameters bytes(byte @Nullable [] value) throws SQLException {
        if (value == null) {
            this.statement.setNull(++this.index, Types.VARBINARY);
        }
        else {
            this.statement.setBytes(++this.index, value);
        }
        return this;
    }

}

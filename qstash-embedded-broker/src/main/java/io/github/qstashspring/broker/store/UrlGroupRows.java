package io.github.qstashspring.broker.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.github.qstashspring.broker.store.ResourceStore.UrlGroup;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * URL groups in {@code qs_url_group}, endpoints as a JSON column. Callers run these
 * inside a transaction.
 */
final class UrlGroupRows {

    private static final TypeReference<List<UrlGroup.Endpoint>> ENDPOINTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    private final JsonMapper json = JsonColumns.MAPPER;

    UrlGroupRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads a group.
     * @param name the name
     * @return the group, if it exists
     */
    Optional<UrlGroup> find(String name) {
        return this.jdbc.query("SELECT * FROM qs_url_group WHERE name = ?", this::row, name).stream().findFirst();
    }

    /**
     * Reads a group and locks its row until the transaction ends.
     * @param name the name
     * @return the group, if it exists
     */
    Optional<UrlGroup> lock(String name) {
        return this.jdbc.query("SELECT * FROM qs_url_group WHERE name = ? FOR UPDATE", this::row, name)
            .stream()
            .findFirst();
    }

    /**
     * Lists all groups by name.
     * @return the groups
     */
    List<UrlGroup> list() {
        return this.jdbc.query("SELECT * FROM qs_url_group ORDER BY name", this::row);
    }

    /**
     * Inserts a group.
     * @param group the group
     */
    void insert(UrlGroup group) {
        this.jdbc.update("INSERT INTO qs_url_group (name, endpoints, created_at, updated_at) VALUES (?, ?, ?, ?)",
                group.name(), this.json.writeValueAsString(group.endpoints()), group.createdAt(), group.updatedAt());
    }

    /**
     * Replaces a group's endpoints.
     * @param group the group
     */
    void update(UrlGroup group) {
        this.jdbc.update("UPDATE qs_url_group SET endpoints = ?, updated_at = ? WHERE name = ?",
                this.json.writeValueAsString(group.endpoints()), group.updatedAt(), group.name());
    }

    /**
     * Deletes a group.
     * @param name the name
     * @return whether it existed
     */
    boolean delete(String name) {
        return this.jdbc.update("DELETE FROM qs_url_group WHERE name = ?", name) == 1;
    }

    private UrlGroup row(ResultSet rs, int rowNum) throws SQLException {
        return new UrlGroup(rs.getString("name"), this.json.readValue(rs.getString("endpoints"), ENDPOINTS),
                rs.getLong("created_at"), rs.getLong("updated_at"));
    }

}

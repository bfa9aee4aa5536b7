package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.qstashspring.broker.store.StoredUrlGroup;
import io.github.qstashspring.broker.store.StoredUrlGroup.Endpoint;
import io.github.qstashspring.broker.store.UrlGroupStore;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * URL groups (QStash's topics): adding endpoints creates a group, removing the last one
 * deletes it. An endpoint is identified by its name when it has one, else by its URL;
 * adding an endpoint with a known name or URL replaces it.
 */
public class UrlGroups {

    private final TransactionTemplate transactions;

    private final UrlGroupStore store;

    private final Clock clock;

    /**
     * Creates the service.
     * @param transactions the broker's transactions
     * @param store the groups
     * @param clock the broker's clock
     */
    public UrlGroups(TransactionTemplate transactions, UrlGroupStore store, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Adds or replaces endpoints, creating the group when it does not exist.
     * @param name the group name
     * @param endpoints the endpoints (URL required)
     * @throws BrokerException (400) on an invalid name or URL
     */
    public void addEndpoints(String name, List<Endpoint> endpoints) {
        checkName(name);
        if (endpoints.isEmpty()) {
            throw BrokerException.badRequest("endpoints must not be empty");
        }
        for (Endpoint endpoint : endpoints) {
            if (!Destinations.isUrl(endpoint.url()) || !Destinations.isValidUri(endpoint.url())) {
                throw BrokerException.badRequest("invalid endpoint url: " + endpoint.url());
            }
        }
        this.transactions.executeWithoutResult((status) -> {
            long now = this.clock.millis();
            StoredUrlGroup group = this.store.lock(name).orElse(null);
            List<Endpoint> current = new ArrayList<>((group != null) ? group.endpoints() : List.of());
            for (Endpoint endpoint : endpoints) {
                current.removeIf((existing) -> sameEndpoint(existing, endpoint));
                current.add(endpoint);
            }
            if (group == null) {
                this.store.insert(new StoredUrlGroup(name, current, now, now));
            }
            else {
                this.store.update(new StoredUrlGroup(name, current, group.createdAt(), now));
            }
        });
    }

    /**
     * Removes endpoints (matched by name, or by URL when the item has no name); the group
     * is deleted with its last endpoint.
     * @param name the group name
     * @param endpoints the endpoints to remove
     * @throws BrokerException (404) when the group does not exist
     */
    public void removeEndpoints(String name, List<Endpoint> endpoints) {
        this.transactions.executeWithoutResult((status) -> {
            StoredUrlGroup group = this.store.lock(name).orElseThrow(() -> notFound(name));
            List<Endpoint> current = new ArrayList<>(group.endpoints());
            for (Endpoint removed : endpoints) {
                current.removeIf((existing) -> (removed.name() != null) ? removed.name().equals(existing.name())
                        : removed.url().equals(existing.url()));
            }
            if (current.isEmpty()) {
                this.store.delete(name);
            }
            else {
                this.store.update(new StoredUrlGroup(name, current, group.createdAt(), this.clock.millis()));
            }
        });
    }

    /**
     * Reads a group.
     * @param name the group name
     * @return the group
     * @throws BrokerException (404) when it does not exist
     */
    public StoredUrlGroup get(String name) {
        return Objects.requireNonNull(this.transactions.execute((status) -> find(name)));
    }

    /**
     * Reads a group inside the caller's transaction (publish).
     * @param name the group name
     * @return the group
     * @throws BrokerException (404) when it does not exist
     */
    public StoredUrlGroup find(String name) {
        return this.store.find(name).orElseThrow(() -> notFound(name));
    }

    /**
     * @return all groups, by name
     */
    public List<StoredUrlGroup> list() {
        return Objects.requireNonNull(this.transactions.execute((status) -> this.store.list()));
    }

    /**
     * Deletes a group; its messages already accepted are still delivered.
     * @param name the group name
     * @throws BrokerException (404) when it does not exist
     */
    public void delete(String name) {
        if (!Boolean.TRUE.equals(this.transactions.execute((status) -> this.store.delete(name)))) {
            throw notFound(name);
        }
    }

    private static boolean sameEndpoint(Endpoint existing, Endpoint added) {
        if (added.name() != null) {
            return added.name().equals(existing.name())
                    || (existing.name() == null && added.url().equals(existing.url()));
        }
        return existing.name() == null && added.url().equals(existing.url());
    }

    private static void checkName(String name) {
        if (!Destinations.isResourceName(name)) {
            throw BrokerException
                .badRequest("invalid url group name: " + name + " (letters, digits, '-', '_' and '.' only)");
        }
    }

    private static BrokerException notFound(String name) {
        return BrokerException.notFound("url group " + name + " not found");
    }

}

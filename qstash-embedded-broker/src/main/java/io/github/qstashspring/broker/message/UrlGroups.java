package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.api.BrokerException;
import io.github.qstashspring.broker.delivery.Dispatcher;
import io.github.qstashspring.broker.store.ResourceStore;
import io.github.qstashspring.broker.store.ResourceStore.UrlGroup;
import io.github.qstashspring.broker.store.ResourceStore.UrlGroup.Endpoint;
import org.springframework.transaction.support.TransactionOperations;

/**
 * URL groups (QStash's topics): adding endpoints creates a group, removing the last one
 * deletes it. An endpoint is identified by its name when it has one, else by its URL;
 * adding an endpoint with a known name or URL replaces it.
 */
final class UrlGroups {

    private final TransactionOperations transactions;

    private final ResourceStore store;

    private final Dispatcher dispatcher;

    private final int maxEndpoints;

    private final Clock clock;

    /**
     * Creates the service.
     * @param transactions the broker's transactions
     * @param store the groups
     * @param dispatcher checks the endpoints against the destination policy
     * @param maxEndpoints the most endpoints of a group
     * @param clock the broker's clock
     */
    UrlGroups(TransactionOperations transactions, ResourceStore store, Dispatcher dispatcher, int maxEndpoints,
            Clock clock) {
        this.dispatcher = dispatcher;
        this.transactions = transactions;
        this.store = store;
        this.maxEndpoints = maxEndpoints;
        this.clock = clock;
    }

    /**
     * Adds or replaces endpoints, creating the group when it does not exist.
     * @param name the group name
     * @param endpoints the endpoints (URL required)
     * @throws BrokerException (400) on an invalid name or URL, (412) when the group would
     * have more endpoints than allowed
     */
    void addEndpoints(String name, List<Endpoint> endpoints) {
        checkName(name);
        if (endpoints.isEmpty()) {
            throw BrokerException.badRequest("endpoints must not be empty");
        }
        for (Endpoint endpoint : endpoints) {
            if (!Destinations.isUrl(endpoint.url()) || !Destinations.isValidUri(endpoint.url())) {
                throw BrokerException.badRequest("invalid endpoint url: " + endpoint.url());
            }
            this.dispatcher.checkDestination(endpoint.url());
        }
        this.transactions.executeWithoutResult((status) -> {
            long now = this.clock.millis();
            UrlGroup group = this.store.lockUrlGroup(name).orElse(null);
            List<Endpoint> current = new ArrayList<>((group != null) ? group.endpoints() : List.of());
            for (Endpoint endpoint : endpoints) {
                current.removeIf((existing) -> sameEndpoint(existing, endpoint));
                current.add(endpoint);
            }
            if (current.size() > this.maxEndpoints) {
                throw new BrokerException(412,
                        "URL group " + name + " would have " + current.size() + " endpoints, more than the maximum of "
                                + this.maxEndpoints + " (qstash.embedded.limits.max-url-group-endpoints)");
            }
            if (group == null) {
                this.store.insertUrlGroup(new UrlGroup(name, current, now, now));
            }
            else {
                this.store.updateUrlGroup(new UrlGroup(name, current, group.createdAt(), now));
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
    void removeEndpoints(String name, List<Endpoint> endpoints) {
        this.transactions.executeWithoutResult((status) -> {
            UrlGroup group = this.store.lockUrlGroup(name).orElseThrow(() -> notFound(name));
            List<Endpoint> current = new ArrayList<>(group.endpoints());
            for (Endpoint removed : endpoints) {
                current.removeIf((existing) -> (removed.name() != null) ? removed.name().equals(existing.name())
                        : removed.url().equals(existing.url()));
            }
            if (current.isEmpty()) {
                this.store.deleteUrlGroup(name);
            }
            else {
                this.store.updateUrlGroup(new UrlGroup(name, current, group.createdAt(), this.clock.millis()));
            }
        });
    }

    /**
     * Reads a group.
     * @param name the group name
     * @return the group
     * @throws BrokerException (404) when it does not exist
     */
    UrlGroup get(String name) {
        return Objects.requireNonNull(this.transactions.execute((status) -> find(name)));
    }

    private UrlGroup find(String name) {
        return find(this.store, name);
    }

    /**
     * Reads a group inside the caller's transaction (publish).
     * @param store the store
     * @param name the group name
     * @return the group
     * @throws BrokerException (404) when it does not exist
     */
    static UrlGroup find(ResourceStore store, String name) {
        return store.findUrlGroup(name).orElseThrow(() -> notFound(name));
    }

    /**
     * @return all groups, by name
     */
    List<UrlGroup> list() {
        return Objects.requireNonNull(this.transactions.execute((status) -> this.store.listUrlGroups()));
    }

    /**
     * Deletes a group; its messages already accepted are still delivered.
     * @param name the group name
     * @throws BrokerException (404) when it does not exist
     */
    void delete(String name) {
        if (!Boolean.TRUE.equals(this.transactions.execute((status) -> this.store.deleteUrlGroup(name)))) {
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
        if (!ApiResource.isValidName(name)) {
            throw BrokerException
                .badRequest("invalid url group name: " + name + " (letters, digits, '-', '_' and '.' only)");
        }
    }

    private static BrokerException notFound(String name) {
        return BrokerException.notFound("url group " + name + " not found");
    }

}

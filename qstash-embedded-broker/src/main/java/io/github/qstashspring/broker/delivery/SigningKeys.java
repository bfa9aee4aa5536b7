package io.github.qstashspring.broker.delivery;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.github.qstashspring.broker.store.ResourceStore;
import io.github.qstashspring.broker.store.ResourceStore.SigningKeyPair;
import io.github.qstashspring.signature.QStashSigner;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The broker's signing key pair, stored in its database so that rotations survive
 * restarts. The configured keys seed the pair; when the configuration changes, the
 * configured keys win again.
 */
final class SigningKeys {

    private final TransactionOperations transactions;

    private final ResourceStore store;

    private final Clock clock;

    private final AtomicReference<State> state = new AtomicReference<>();

    /**
     * Loads (or seeds) the key pair.
     * @param transactions the broker's transactions
     * @param store the stored pair
     * @param configuredCurrent the configured current key
     * @param configuredNext the configured next key
     * @param clock the clock of signature times ({@code iat}, {@code exp}): the real
     * time, not the broker's adjustable scheduling clock, so that receivers verify with
     * their own clock
     */
    SigningKeys(TransactionOperations transactions, ResourceStore store, String configuredCurrent,
            String configuredNext, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.clock = clock;
        set(Objects.requireNonNull(
                transactions.execute((status) -> store.seedSigningKeys(configuredCurrent, configuredNext))));
    }

    String current() {
        return this.state.get().pair().current();
    }

    String next() {
        return this.state.get().pair().next();
    }

    /**
     * @return a signer with the current key
     */
    QStashSigner signer() {
        return this.state.get().signer();
    }

    /**
     * Rotates: the next key becomes current and a new next key is generated.
     */
    void rotate() {
        SigningKeyPair rotated = this.transactions.execute((status) -> this.store.rotateSigningKeys());
        if (rotated != null) {
            set(rotated);
        }
    }

    /**
     * Re-reads the pair, so that a rotation made through another broker sharing the
     * database is followed.
     */
    void refresh() {
        this.transactions.executeWithoutResult((status) -> this.store.findSigningKeys()
            .filter((pair) -> !pair.equals(this.state.get().pair()))
            .ifPresent(this::set));
    }

    private void set(SigningKeyPair pair) {
        this.state.set(new State(pair, new QStashSigner(pair.current(), this.clock)));
    }

    private record State(SigningKeyPair pair, QStashSigner signer) {
    }

}

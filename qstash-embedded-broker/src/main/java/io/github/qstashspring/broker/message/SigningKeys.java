package io.github.qstashspring.broker.message;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import io.github.qstashspring.broker.store.SigningKeysEntity;
import io.github.qstashspring.broker.store.SigningKeysRepository;
import io.github.qstashspring.signature.QStashSigner;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The broker's signing key pair, stored in its database so that rotations survive
 * restarts. The configured keys seed the pair; when the configuration changes, the
 * configured keys win again.
 */
public class SigningKeys {

    private final TransactionTemplate transactions;

    private final SigningKeysRepository repository;

    private final Clock clock;

    private final AtomicReference<State> state = new AtomicReference<>();

    /**
     * Loads (or seeds) the key pair.
     * @param transactions the broker's transactions
     * @param repository the key repository
     * @param configuredCurrent the configured current key
     * @param configuredNext the configured next key
     * @param clock the clock of signature times ({@code iat}, {@code exp}): the real
     * time, not the broker's adjustable scheduling clock, so that receivers verify with
     * their own clock
     */
    public SigningKeys(TransactionTemplate transactions, SigningKeysRepository repository, String configuredCurrent,
            String configuredNext, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.clock = clock;
        SigningKeysEntity keys = transactions.execute((status) -> {
            SigningKeysEntity entity = repository.findById(SigningKeysEntity.SINGLETON_ID)
                .orElseGet(SigningKeysEntity::new);
            if (!configuredCurrent.equals(entity.getSeededCurrent())
                    || !configuredNext.equals(entity.getSeededNext())) {
                entity.setCurrentKey(configuredCurrent);
                entity.setNextKey(configuredNext);
                entity.setSeededCurrent(configuredCurrent);
                entity.setSeededNext(configuredNext);
                repository.save(entity);
            }
            return entity;
        });
        set(keys.getCurrentKey(), keys.getNextKey());
    }

    /**
     * @return the key deliveries are signed with
     */
    public String current() {
        return this.state.get().current();
    }

    /**
     * @return the key that becomes current at the next rotation
     */
    public String next() {
        return this.state.get().next();
    }

    /**
     * @return a signer with the current key
     */
    public QStashSigner signer() {
        return this.state.get().signer();
    }

    /**
     * Rotates: the next key becomes current and a new next key is generated.
     */
    public void rotate() {
        SigningKeysEntity rotated = this.transactions.execute((status) -> {
            SigningKeysEntity entity = this.repository.findById(SigningKeysEntity.SINGLETON_ID).orElseThrow();
            entity.setCurrentKey(entity.getNextKey());
            entity.setNextKey(Ids.signingKey());
            return entity;
        });
        if (rotated != null) {
            set(rotated.getCurrentKey(), rotated.getNextKey());
        }
    }

    /**
     * Re-reads the pair, so that a rotation made through another broker sharing the
     * database is followed.
     */
    public void refresh() {
        this.transactions.executeWithoutResult((status) -> this.repository.findById(SigningKeysEntity.SINGLETON_ID)
            .filter((entity) -> !entity.getCurrentKey().equals(current()) || !entity.getNextKey().equals(next()))
            .ifPresent((entity) -> set(entity.getCurrentKey(), entity.getNextKey())));
    }

    private void set(String current, String next) {
        this.state.set(new State(current, next, new QStashSigner(current, this.clock)));
    }

    private record State(String current, String next, QStashSigner signer) {
    }

}

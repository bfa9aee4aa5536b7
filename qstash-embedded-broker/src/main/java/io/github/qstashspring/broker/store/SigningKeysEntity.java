package io.github.qstashspring.broker.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The broker's signing key pair (a single row). {@code seeded*} remember the configured
 * keys the pair was created from, so that changed configuration replaces rotated keys.
 */
@Entity
@Table(name = "qs_signing_keys")
class SigningKeysEntity {

    /** The id of the single row. */
    static final int SINGLETON_ID = 1;

    @Id
    @Column(name = "id")
    private int id = SINGLETON_ID;

    @Column(name = "current_key")
    private String currentKey = "";

    @Column(name = "next_key")
    private String nextKey = "";

    @Column(name = "seeded_current")
    private String seededCurrent = "";

    @Column(name = "seeded_next")
    private String seededNext = "";

    int getId() {
        return this.id;
    }

    void setId(int id) {
        this.id = id;
    }

    String getCurrentKey() {
        return this.currentKey;
    }

    void setCurrentKey(String currentKey) {
        this.currentKey = currentKey;
    }

    String getNextKey() {
        return this.nextKey;
    }

    void setNextKey(String nextKey) {
        this.nextKey = nextKey;
    }

    String getSeededCurrent() {
        return this.seededCurrent;
    }

    void setSeededCurrent(String seededCurrent) {
        this.seededCurrent = seededCurrent;
    }

    String getSeededNext() {
        return this.seededNext;
    }

    void setSeededNext(String seededNext) {
        this.seededNext = seededNext;
    }

}

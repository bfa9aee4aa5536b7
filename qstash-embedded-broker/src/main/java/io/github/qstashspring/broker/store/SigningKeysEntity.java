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
public class SigningKeysEntity {

    /** The id of the single row. */
    public static final int SINGLETON_ID = 1;

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

    public int getId() {
        return this.id;
    }

    public void setId(int id) {
        this.id = id;
    }

    public String getCurrentKey() {
        return this.currentKey;
    }

    public void setCurrentKey(String currentKey) {
        this.currentKey = currentKey;
    }

    public String getNextKey() {
        return this.nextKey;
    }

    public void setNextKey(String nextKey) {
        this.nextKey = nextKey;
    }

    public String getSeededCurrent() {
        return this.seededCurrent;
    }

    public void setSeededCurrent(String seededCurrent) {
        this.seededCurrent = seededCurrent;
    }

    public String getSeededNext() {
        return this.seededNext;
    }

    public void setSeededNext(String seededNext) {
        this.seededNext = seededNext;
    }

}

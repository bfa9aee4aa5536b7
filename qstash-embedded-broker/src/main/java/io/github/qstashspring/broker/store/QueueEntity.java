package io.github.qstashspring.broker.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A FIFO queue; its row is also the lock that serialises enqueue and hand-over of its
 * turn.
 */
@Entity
@Table(name = "qs_queue")
class QueueEntity {

    @Id
    @Column(name = "name")
    private String name = "";

    @Column(name = "parallelism")
    private int parallelism = 1;

    @Column(name = "paused")
    private boolean paused;

    @Column(name = "created_at")
    private long createdAt;

    @Column(name = "updated_at")
    private long updatedAt;

    String getName() {
        return this.name;
    }

    void setName(String name) {
        this.name = name;
    }

    int getParallelism() {
        return this.parallelism;
    }

    void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    boolean isPaused() {
        return this.paused;
    }

    void setPaused(boolean paused) {
        this.paused = paused;
    }

    long getCreatedAt() {
        return this.createdAt;
    }

    void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    long getUpdatedAt() {
        return this.updatedAt;
    }

    void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }

}

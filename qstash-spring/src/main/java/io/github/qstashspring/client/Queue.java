package io.github.qstashspring.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A FIFO queue.
 *
 * @param name the queue name
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param parallelism how many messages are delivered at once
 * @param paused whether delivery is paused
 * @param lag how many messages wait to be processed
 */
public record Queue(String name, @Nullable Instant createdAt, @Nullable Instant updatedAt, int parallelism,
        boolean paused, long lag) {
}

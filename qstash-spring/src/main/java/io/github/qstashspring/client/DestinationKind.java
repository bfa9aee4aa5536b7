package io.github.qstashspring.client;

/** What an API call is addressed to; a low-cardinality tag of its observation. */
public enum DestinationKind {

    /** A single URL. */
    URL,

    /** A URL group (fan-out to its endpoints). */
    URL_GROUP,

    /** A FIFO queue (enqueue, or a schedule that enqueues). */
    QUEUE,

    /** Several destinations at once (batch). */
    MIXED,

    /** No destination: a management call. */
    NONE

}

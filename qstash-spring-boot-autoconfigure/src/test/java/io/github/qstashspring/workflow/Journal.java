package io.github.qstashspring.workflow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test workflows did, in order. */
public class Journal {

    private final List<String> entries = new CopyOnWriteArrayList<>();

    void record(String entry) {
        this.entries.add(entry);
    }

    List<String> entries() {
        return List.copyOf(this.entries);
    }

    void clear() {
        this.entries.clear();
    }

}

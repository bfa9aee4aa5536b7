package io.github.qstashspring.listener;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what each test listener received, so tests can assert whether a method ran. */
class Invocations {

    private final Map<String, List<Object>> received = new ConcurrentHashMap<>();

    void record(String listener, Object argument) {
        this.received.computeIfAbsent(listener, (key) -> new CopyOnWriteArrayList<>()).add(argument);
    }

    List<Object> of(String listener) {
        return List.copyOf(this.received.getOrDefault(listener, List.of()));
    }

    void clear() {
        this.received.clear();
    }

}

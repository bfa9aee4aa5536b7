package io.github.qstashspring.aot;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

import io.github.qstashspring.client.DlqMessage;
import io.github.qstashspring.client.FlowControlKey;
import io.github.qstashspring.client.GlobalParallelism;
import io.github.qstashspring.client.LogEntry;
import io.github.qstashspring.client.Message;
import io.github.qstashspring.client.PublishResult;
import io.github.qstashspring.client.Queue;
import io.github.qstashspring.client.Schedule;
import io.github.qstashspring.client.SigningKeys;
import io.github.qstashspring.client.UrlGroup;
import io.github.qstashspring.listener.QStashListener;

/**
 * The hints a native image needs for what the library itself uses reflectively: the
 * records the client reads from the QStash API's JSON, the handler method Spring MVC
 * invokes for every listener route, and the synthesized {@link QStashListener}
 * annotation. Registered in {@code META-INF/spring/aot.factories}, so Spring's AOT
 * processing applies it to every application that has the library; the hints of the
 * application's own listener methods and payload types come from {@link QStashListener}
 * itself.
 */
public final class QStashRuntimeHints implements RuntimeHintsRegistrar {

    /** The records the client reads from QStash's JSON answers with Jackson. */
    static final List<Class<?>> CLIENT_RECORDS = List.of(DlqMessage.class, FlowControlKey.class,
            GlobalParallelism.class, LogEntry.class, Message.class, PublishResult.class, Queue.class, Schedule.class,
            SigningKeys.class, UrlGroup.class);

    /** The Spring MVC handler of every listener route (package-private). */
    static final String LISTENER_ENDPOINT = "io.github.qstashspring.listener.ListenerEndpoint";

    private static final String SERVLET_REQUEST = "jakarta.servlet.http.HttpServletRequest";

    private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        this.bindingRegistrar.registerReflectionHints(hints.reflection(), CLIENT_RECORDS.toArray(Class<?>[]::new));
        if (ClassUtils.isPresent(SERVLET_REQUEST, classLoader)) {
            hints.reflection()
                .registerType(TypeReference.of(LISTENER_ENDPOINT), (type) -> type.withMethod("handle",
                        List.of(TypeReference.of(SERVLET_REQUEST)), ExecutableMode.INVOKE));
        }
        hints.proxies().registerJdkProxy(QStashListener.class);
    }

}

package io.github.qstashspring.listener;

import java.lang.reflect.Method;

/**
 * A {@link QStashListener} delivery whose method (or payload conversion) failed, handed
 * to the {@link QStashListenerErrorHandler}. The signature was valid.
 *
 * @param listenerId the listener's id ({@link QStashListener#id()})
 * @param method the listener method
 * @param message the delivery with its raw body as payload
 * @param exception what the method threw, or the {@link QStashPayloadConversionException}
 */
public record QStashListenerFailure(String listenerId, Method method, QStashMessage<byte[]> message,
        Throwable exception) {
}

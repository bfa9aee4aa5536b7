package io.github.qstashspring.listener;

/**
 * Registers listeners in code, next to the {@link QStashListener}-annotated ones: for
 * methods of classes you cannot annotate, or paths known only at runtime. Every bean of
 * this type is called once, in order, after all singletons are instantiated and before
 * the listeners are mapped; the registered methods behave exactly like annotated ones
 * (same verification, binding and outcomes).
 *
 * <pre>{@code
 * &#64;Bean
 * QStashListenerConfigurer tenantListeners(TenantWebhooks webhooks) throws NoSuchMethodException {
 *     Method receive = TenantWebhooks.class.getMethod("receive", QStashMessage.class);
 *     return registrar -> registrar.register("/qstash/tenants", webhooks, receive);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface QStashListenerConfigurer {

    /**
     * Registers listeners.
     * @param registrar collects the listeners to map
     */
    void configure(QStashListenerRegistrar registrar);

}

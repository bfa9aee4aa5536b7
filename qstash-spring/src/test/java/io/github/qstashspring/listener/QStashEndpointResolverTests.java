package io.github.qstashspring.listener;

import java.lang.reflect.Method;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class QStashEndpointResolverTests {

    private final QStashEndpointResolver resolver = new QStashEndpointResolver(environment()::resolvePlaceholders);

    @Test
    void pathsAreResolvedTrimmedAndStartWithASlash() {
        assertThat(this.resolver.path("${hooks.base}/orders ", "here", "example")).isEqualTo("/qstash/orders");
        assertThat(this.resolver.path("  payments", "here", "example")).isEqualTo("/payments");
    }

    @Test
    void aPathResolvingToNothingNamesTheDeclarationAndAnExample() {
        assertThatIllegalStateException().isThrownBy(() -> this.resolver.path("${empty}", "@X on m()", "@X(\"/a\")"))
            .withMessage("@X on m() needs a path, e.g. @X(\"/a\")");
    }

    @Test
    void declaredIdsAreResolvedAndTheDefaultIsTheTargetClassAndMethod() throws Exception {
        Method receive = BaseHooks.class.getMethod("receive");
        Object proxy = proxyOf(new OrderHooks());

        assertThat(this.resolver.id("${hooks.id}", proxy, receive)).isEqualTo("orders-v2");
        assertThat(this.resolver.id("", proxy, receive)).isEqualTo("OrderHooks.receive");
        assertThat(this.resolver.id("${empty}", proxy, receive)).isEqualTo("OrderHooks.receive");
    }

    @Test
    void programmaticRegistrationsGetTheSameDefaultIdAsAnnotatedListeners() throws Exception {
        QStashListenerRegistrar registrar = new QStashListenerRegistrar();
        Method receive = BaseHooks.class.getMethod("receive");

        registrar.register(" hooks/orders", proxyOf(new OrderHooks()), receive);

        assertThat(registrar.listeners()).singleElement().satisfies((listener) -> {
            assertThat(listener.id()).isEqualTo("OrderHooks.receive");
            assertThat(listener.path()).isEqualTo("/hooks/orders");
        });
    }

    private static Object proxyOf(Object target) {
        ProxyFactory factory = new ProxyFactory(target);
        factory.setProxyTargetClass(true);
        return factory.getProxy();
    }

    private static StandardEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .addFirst(new MapPropertySource("test",
                    Map.of("hooks.base", " /qstash", "hooks.id", "orders-v2", "empty", "")));
        return environment;
    }

    public static class BaseHooks {

        public void receive() {
        }

    }

    public static class OrderHooks extends BaseHooks {

    }

}

package io.github.qstashspring.aot;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ReflectionUtils;

import io.github.qstashspring.client.Endpoint;
import io.github.qstashspring.client.Schedule;
import io.github.qstashspring.client.SigningKeys;
import io.github.qstashspring.listener.QStashListener;

import static org.assertj.core.api.Assertions.assertThat;

class QStashRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    QStashRuntimeHintsTests() {
        new QStashRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
    }

    @Test
    void isFoundByAotProcessingThroughAotFactories() {
        List<?> registrars = SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
            .load(org.springframework.aot.hint.RuntimeHintsRegistrar.class);
        assertThat(registrars).hasAtLeastOneElementOfType(QStashRuntimeHints.class);
    }

    @Test
    void theClientsJsonRecordsAndTheirComponentsCanBeBound() throws Exception {
        for (Class<?> type : QStashRuntimeHints.CLIENT_RECORDS) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(this.hints);
            assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(type.getDeclaredConstructors()[0]))
                .as(type.getName())
                .accepts(this.hints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SigningKeys.class.getMethod("current")))
            .accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Schedule.class.getMethod("paused")))
            .accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Endpoint.class)).accepts(this.hints);
    }

    @Test
    void theListenerRouteHandlerCanBeInvokedBySpringMvc() throws Exception {
        Class<?> endpoint = Class.forName(QStashRuntimeHints.LISTENER_ENDPOINT);
        assertThat(RuntimeHintsPredicates.reflection()
            .onMethodInvocation(ReflectionUtils.findMethod(endpoint, "handle", HttpServletRequest.class)))
            .accepts(this.hints);
    }

    @Test
    void theSynthesizedListenerAnnotationCanBeProxied() {
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(QStashListener.class)).accepts(this.hints);
    }

}

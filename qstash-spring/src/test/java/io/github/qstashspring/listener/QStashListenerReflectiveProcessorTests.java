package io.github.qstashspring.listener;

import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ReflectionUtils;
import tools.jackson.databind.JsonNode;

import io.github.qstashspring.signature.QStashSignatureClaims;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring's AOT processing registers for a bean with {@link QStashListener} methods:
 * the same scan it runs on every bean of an application.
 */
class QStashListenerReflectiveProcessorTests {

    private final RuntimeHints hints = new RuntimeHints();

    QStashListenerReflectiveProcessorTests() {
        new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(this.hints, Listeners.class);
    }

    @Test
    void everyListenerMethodCanBeInvoked() {
        for (String name : List.of("onOrder", "onMessage", "onText", "onTree", "onCallback")) {
            Method method = ReflectionUtils.findMethod(Listeners.class, name, (Class<?>[]) null);
            assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method)).as(name).accepts(this.hints);
        }
    }

    @Test
    void aRecordPayloadCanBeBoundByJackson() throws Exception {
        assertThat(RuntimeHintsPredicates.reflection().onType(Order.class)).accepts(this.hints);
        assertThat(
                RuntimeHintsPredicates.reflection().onConstructorInvocation(Order.class.getDeclaredConstructors()[0]))
            .accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Order.class.getMethod("item")))
            .accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Item.class)).as("a nested type").accepts(this.hints);
    }

    @Test
    void thePayloadOfAQStashMessageAndTheBodyOfAReturnedResponseEntityCanBeBound() {
        assertThat(RuntimeHintsPredicates.reflection().onType(Shipment.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Receipt.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(QStashMessage.class)).rejects(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(ResponseEntity.class)).rejects(this.hints);
    }

    @Test
    void typesReadWithoutReflectionGetNoBindingHints() {
        assertThat(RuntimeHintsPredicates.reflection().onType(QStashCallbackPayload.class)).rejects(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(JsonNode.class)).rejects(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(HttpHeaders.class)).rejects(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(QStashSignatureClaims.class)).rejects(this.hints);
    }

    @Test
    void thePayloadTypeOfAListenerIsTheTypeItsBodyIsConvertedTo() {
        assertThat(info("onOrder").payloadType()).isEqualTo(Order.class);
        assertThat(info("onMessage").payloadType().getTypeName()).isEqualTo(Shipment.class.getName());
        assertThat(info("onText").payloadType()).isEqualTo(String.class);
        assertThat(info("onCallback").payloadType()).isEqualTo(QStashCallbackPayload.class);
        assertThat(info("onTick").payloadType()).isNull();
    }

    private static QStashListenerInfo info(String name) {
        Method method = ReflectionUtils.findMethod(Listeners.class, name, (Class<?>[]) null);
        return QStashListenerInfo.of(name, "/" + name, method, false);
    }

    record Item(String sku) {
    }

    record Order(String id, Item item) {
    }

    record Shipment(String orderId) {
    }

    record Receipt(String orderId, int amount) {
    }

    static class Listeners {

        @QStashListener("/orders")
        void onOrder(Order order, HttpHeaders headers) {
        }

        @QStashListener("/shipments")
        ResponseEntity<Receipt> onMessage(QStashSignatureClaims claims, QStashMessage<Shipment> message) {
            return ResponseEntity.ok(new Receipt(message.payload().orderId(), 1));
        }

        @QStashListener("/text")
        String onText(String text) {
            return text;
        }

        @QStashListener("/tree")
        void onTree(JsonNode tree) {
        }

        @QStashListener("/callback")
        void onCallback(QStashCallbackPayload callback) {
        }

        @QStashListener("/tick")
        void onTick() {
        }

    }

}

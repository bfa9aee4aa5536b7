package io.github.qstashspring.listener;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;

import io.github.qstashspring.signature.QStashSignatureVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which handlers the interceptor verifies, asked again and again for the same methods:
 * the answer it remembers belongs to the method and the bean type, so one inherited
 * method can be protected on one controller and open on another.
 */
class QStashVerifiedInterceptorTests {

    private final QStashVerifiedInterceptor interceptor = new QStashVerifiedInterceptor(new QStashRequestVerifier(
            () -> QStashSignatureVerifier.builder().currentSigningKey("sig_current").build(), null, true));

    @Test
    void inheritedMethodIsVerifiedOnlyOnTheAnnotatedType() throws Exception {
        Method inherited = Base.class.getDeclaredMethod("receive");
        for (int i = 0; i < 3; i++) {
            assertThat(rejectsUnsigned(new HandlerMethod(new Open(), inherited))).isFalse();
            assertThat(rejectsUnsigned(new HandlerMethod(new Protected(), inherited))).isTrue();
        }
    }

    @Test
    void annotatedMethodIsVerifiedOnAnyType() throws Exception {
        Method annotated = Base.class.getDeclaredMethod("annotated");
        Method plain = Base.class.getDeclaredMethod("receive");
        for (int i = 0; i < 3; i++) {
            assertThat(rejectsUnsigned(new HandlerMethod(new Open(), annotated))).isTrue();
            assertThat(rejectsUnsigned(new HandlerMethod(new Open(), plain))).isFalse();
        }
    }

    private boolean rejectsUnsigned(HandlerMethod handler) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean proceed = this.interceptor.preHandle(new MockHttpServletRequest("POST", "/hooks"), response, handler);
        assertThat(response.getStatus()).isEqualTo(proceed ? 200 : 401);
        return !proceed;
    }

    static class Base {

        void receive() {
        }

        @QStashVerified
        void annotated() {
        }

    }

    static class Open extends Base {

    }

    @QStashVerified
    static class Protected extends Base {

    }

}

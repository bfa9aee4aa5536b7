package io.github.qstashspring.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The one shared context of the listener integration tests: a real server plus MockMvc.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = ListenerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "qstash.current-signing-key=" + ListenerTestApplication.CURRENT_KEY,
                "qstash.next-signing-key=" + ListenerTestApplication.NEXT_KEY,
                "qstash.regions.us-east-1.current-signing-key=" + ListenerTestApplication.US_CURRENT_KEY,
                "qstash.regions.us-east-1.next-signing-key=" + ListenerTestApplication.US_NEXT_KEY, "app.hooks=/hooks",
                "qstash.listener.max-body-size=64KB", "spring.security.user.name=admin",
                "spring.security.user.password=secret" })
@AutoConfigureMockMvc
@interface ListenerIntegrationTest {

}

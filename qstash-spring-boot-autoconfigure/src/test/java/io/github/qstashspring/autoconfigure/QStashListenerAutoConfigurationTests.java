package io.github.qstashspring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.github.qstashspring.listener.QStashDuplicateStore;
import io.github.qstashspring.listener.QStashListenerAnnotationBeanPostProcessor;
import io.github.qstashspring.listener.QStashListener;
import io.github.qstashspring.listener.QStashListenerRegistry;
import io.github.qstashspring.listener.QStashRawBodyFilter;
import io.github.qstashspring.listener.QStashRequestVerifier;
import io.github.qstashspring.listener.QStashVerified;
import io.github.qstashspring.listener.QStashVerifiedInterceptor;
import io.github.qstashspring.signature.QStashSignatureException;
import io.github.qstashspring.signature.QStashSignatureVerifier;
import io.github.qstashspring.signature.QStashSigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class QStashListenerAutoConfigurationTests {

    private static final String KEY = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";

    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(QStashAutoConfiguration.class, QStashSignatureAutoConfiguration.class,
                QStashListenerAutoConfiguration.class, QStashListenerSecurityAutoConfiguration.class,
                JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
                DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class));

    @Test
    void withoutListenersNoSigningKeyIsNeeded() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(QStashListenerRegistry.class);
            assertThat(context).hasSingleBean(QStashRawBodyFilter.class);
            assertThat(context).hasSingleBean(QStashVerifiedInterceptor.class);
            assertThat(context.getBean(QStashListenerRegistry.class).getListenerPaths()).isEmpty();
        });
    }

    @Test
    void listenerWithoutSigningKeyFailsStartupNamingThePropertyAndVariable() {
        this.runner.withUserConfiguration(OrderListener.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("qstash.current-signing-key")
                .hasMessageContaining("QSTASH_CURRENT_SIGNING_KEY");
        });
    }

    @Test
    void listenerPathResolvesPlaceholdersAndIsAnMvcRoute() {
        this.runner.withUserConfiguration(OrderListener.class)
            .withPropertyValues("qstash.current-signing-key=" + KEY, "hooks.base=/q")
            .run((context) -> {
                assertThat(context.getBean(QStashListenerRegistry.class).getListenerPaths())
                    .containsExactly("/q/orders");
                RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                        RequestMappingHandlerMapping.class);
                assertThat(mapping.getHandlerMethods().keySet())
                    .anySatisfy((info) -> assertThat(info.getPatternValues()).containsExactly("/q/orders"));
            });
    }

    @Test
    void listenerOnAnAopProxyIsFoundOnTheTargetClassAndInvokedThroughTheProxy() {
        this.runner.withUserConfiguration(ProxiedListenerConfiguration.class)
            .withPropertyValues("qstash.current-signing-key=" + KEY)
            .run((context) -> {
                ProxiedListener listener = context.getBean(ProxiedListener.class);
                assertThat(AopUtils.isCglibProxy(listener)).isTrue();
                MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                    .addFilters(context.getBean(QStashRawBodyFilter.class))
                    .build();

                mvc.perform(post("/proxied").content(BODY)
                    .header("Upstash-Signature", new QStashSigner(KEY).sign("http://localhost/proxied", BODY)))
                    .andExpect(status().isOk())
                    .andExpect(content().string("advised:{}"));
            });
    }

    @Test
    void signingKeysBindFromTheQStashEnvironmentVariables() {
        this.runner.withUserConfiguration(OrderListener.class)
            .withPropertyValues("hooks.base=/q")
            .withInitializer((context) -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("test-env",
                        Map.of("QSTASH_CURRENT_SIGNING_KEY", KEY, "QSTASH_NEXT_SIGNING_KEY",
                                "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs"))))
            .run((context) -> {
                QStashSignatureVerifier verifier = context.getBean(QStashSignatureVerifier.class);
                assertThat(verifier.verify(new QStashSigner(KEY).sign("u", BODY), BODY).signedWithNextKey()).isFalse();
                assertThat(verifier.verify(new QStashSigner("sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs").sign("u", BODY), BODY)
                    .signedWithNextKey()).isTrue();
            });
    }

    @Test
    void regionWithoutCurrentKeyFailsStartupNamingTheProperty() {
        this.runner
            .withPropertyValues("qstash.current-signing-key=" + KEY,
                    "qstash.regions.us-east-1.next-signing-key=sig_usNext")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("qstash.regions.us-east-1.current-signing-key");
            });
    }

    @Test
    void regionKeysBindFromTheVariablesOfTheOfficialSdksMultiRegionMode() {
        this.runner.withPropertyValues("qstash.current-signing-key=" + KEY)
            .withInitializer((context) -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("test-env",
                        Map.of("US_EAST_1_QSTASH_CURRENT_SIGNING_KEY", "sig_usCurrent",
                                "US_EAST_1_QSTASH_NEXT_SIGNING_KEY", "sig_usNext"))))
            .run((context) -> {
                QStashRequestVerifier verifier = context.getBean(QStashRequestVerifier.class);
                assertThat(verifier.verify(regionRequest("US-EAST-1", "sig_usNext"), BODY).signedWithNextKey())
                    .isTrue();
                assertThat(verifier.verify(regionRequest(null, KEY), BODY)).isNotNull();
                assertThatExceptionOfType(QStashSignatureException.class)
                    .isThrownBy(() -> verifier.verify(regionRequest("US-EAST-1", KEY), BODY));
            });
    }

    private static MockHttpServletRequest regionRequest(@Nullable String region, String key) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders");
        request.addHeader("Upstash-Signature", new QStashSigner(key).sign("http://localhost/orders", BODY));
        if (region != null) {
            request.addHeader("Upstash-Region", region);
        }
        return request;
    }

    @Test
    void signingKeysComeFromTheConnectionDetailsBean() {
        this.runner.withUserConfiguration(OrderListener.class, BrokerConnectionDetails.class)
            .withPropertyValues("hooks.base=/q", "qstash.current-signing-key=sig_fromPropertiesIgnored")
            .run((context) -> {
                QStashSignatureVerifier verifier = context.getBean(QStashSignatureVerifier.class);
                assertThat(verifier.verify(new QStashSigner("sig_broker").sign("u", BODY), BODY)).isNotNull();
                assertThatExceptionOfType(QStashSignatureException.class).isThrownBy(
                        () -> verifier.verify(new QStashSigner("sig_fromPropertiesIgnored").sign("u", BODY), BODY));
            });
    }

    @Test
    void disabledListenersAreNotExposedButVerifiedControllersStayProtected() {
        this.runner.withUserConfiguration(OrderListener.class, VerifiedController.class)
            .withPropertyValues("qstash.listener.enabled=false", "hooks.base=/q")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("qstash.current-signing-key");
            });
        this.runner.withUserConfiguration(OrderListener.class, VerifiedController.class)
            .withPropertyValues("qstash.listener.enabled=false", "hooks.base=/q", "qstash.current-signing-key=" + KEY)
            .run((context) -> {
                assertThat(context).doesNotHaveBean(QStashListenerAnnotationBeanPostProcessor.class);
                assertThat(context.getBean(QStashListenerRegistry.class).getListenerPaths()).isEmpty();
                assertThat(context).hasSingleBean(QStashVerifiedInterceptor.class);
                MockHttpServletRequest request = new MockHttpServletRequest("POST", "/verified");
                assertThat(context.getBean(QStashListenerRegistry.class).matches(request)).isTrue();
            });
    }

    @Test
    void nonWebApplicationGetsTheVerifierButNoListenerInfrastructure() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QStashAutoConfiguration.class,
                    QStashSignatureAutoConfiguration.class, QStashListenerAutoConfiguration.class))
            .withPropertyValues("qstash.current-signing-key=" + KEY)
            .run((context) -> {
                assertThat(context).hasSingleBean(QStashSignatureVerifier.class);
                assertThat(context).doesNotHaveBean(QStashListenerRegistry.class);
            });
    }

    @Test
    void applicationDuplicateStoreReplacesTheInMemoryOne() {
        this.runner.withUserConfiguration(CustomDuplicateStore.class).run((context) -> {
            assertThat(context).hasSingleBean(QStashDuplicateStore.class);
            assertThat(context.getBean(QStashDuplicateStore.class)).isSameAs(CustomDuplicateStore.STORE);
        });
    }

    @Test
    void withSpringSecurityTheListenerChainIsAddedNextToBootsDefaultChain() {
        this.runner
            .withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
                    ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
            .run((context) -> {
                assertThat(context).hasBean("qstashListenerSecurityFilterChain");
                assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(2);
            });
    }

    @Test
    void applicationChainNamedLikeOursReplacesIt() {
        this.runner
            .withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
                    ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
            .withUserConfiguration(CustomQStashChain.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean("qstashListenerSecurityFilterChain"))
                    .isSameAs(context.getBean(CustomQStashChain.class).chain);
            });
    }

    @Test
    void withoutSpringSecurityNoChainIsAdded() {
        this.runner.withClassLoader(new FilteredClassLoader(SecurityFilterChain.class)).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("qstashListenerSecurityFilterChain");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderListener {

        @QStashListener(path = "${hooks.base}/orders")
        void onOrder(String body) {
        }

    }

    static class ProxiedListener {

        @QStashListener(path = "/proxied")
        public String receive(String body) {
            return body;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ProxiedListenerConfiguration {

        @Bean
        ProxiedListener proxiedListener() {
            return new ProxiedListener();
        }

        @Bean
        static BeanPostProcessor advisingPostProcessor() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof ProxiedListener)) {
                        return bean;
                    }
                    ProxyFactory factory = new ProxyFactory(bean);
                    factory.setProxyTargetClass(true);
                    factory.addAdvice((MethodInterceptor) (invocation) -> "advised:" + invocation.proceed());
                    return factory.getProxy();
                }
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class CustomQStashChain {

        private SecurityFilterChain chain;

        // The example of docs/security.md
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 100)
        SecurityFilterChain qstashListenerSecurityFilterChain(HttpSecurity http, QStashListenerRegistry qstash)
                throws Exception {
            http.securityMatcher(qstash::matches)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.frameOptions(frame -> frame.deny()));
            this.chain = http.build();
            return this.chain;
        }

    }

    @RestController
    static class VerifiedController {

        @QStashVerified
        @PostMapping("/verified")
        void verified() {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class BrokerConnectionDetails {

        @Bean
        QStashConnectionDetails brokerConnectionDetails() {
            return new QStashConnectionDetails() {

                @Override
                public String getUrl() {
                    return "http://localhost:8080";
                }

                @Override
                public String getToken() {
                    return "token";
                }

                @Override
                public String getCurrentSigningKey() {
                    return "sig_broker";
                }

                @Override
                public String getNextSigningKey() {
                    return null;
                }
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class CustomDuplicateStore {

        static final QStashDuplicateStore STORE = new QStashDuplicateStore() {

            @Override
            public boolean isProcessed(String listenerId, String messageId) {
                return false;
            }

            @Override
            public void markProcessed(String listenerId, String messageId) {
            }
        };

        @Bean
        QStashDuplicateStore customStore() {
            return STORE;
        }

    }

}

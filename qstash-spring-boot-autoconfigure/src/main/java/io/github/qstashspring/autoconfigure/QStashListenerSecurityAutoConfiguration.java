package io.github.qstashspring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import io.github.qstashspring.listener.QStashListenerRegistry;

/**
 * When Spring Security is in the application, adds a {@link SecurityFilterChain} that
 * matches only requests to {@code @QStashListener} endpoints and {@code @QStashVerified}
 * handlers and lets them through without login, CSRF token, session or request cache: the
 * {@code Upstash-Signature} is their authentication. It is ordered before the
 * application's chains ({@link #ORDER}) and every other request is left to them. Runs
 * after Spring Boot's security auto-configuration, so Boot's default chain still applies
 * to the rest of the application when the application declares none.
 */
@AutoConfiguration(after = QStashListenerAutoConfiguration.class,
        afterName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class })
@ConditionalOnBean({ QStashListenerRegistry.class, HttpSecurity.class })
public final class QStashListenerSecurityAutoConfiguration {

    /** The order of the QStash filter chain: ahead of the application's chains. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    @Bean
    @Order(ORDER)
    @ConditionalOnMissingBean(name = "qstashListenerSecurityFilterChain")
    SecurityFilterChain qstashListenerSecurityFilterChain(HttpSecurity http, QStashListenerRegistry registry)
            throws Exception {
        http.securityMatcher(registry::matches)
            .authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
            .csrf((csrf) -> csrf.disable())
            .requestCache((cache) -> cache.disable())
            .sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

}

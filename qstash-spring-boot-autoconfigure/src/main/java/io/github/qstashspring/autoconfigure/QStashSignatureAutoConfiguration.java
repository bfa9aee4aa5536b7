package io.github.qstashspring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.util.StringUtils;

import io.github.qstashspring.signature.QStashSignatureVerifier;

/**
 * Auto-configuration of the {@link QStashSignatureVerifier} built from the signing keys
 * of the {@link QStashConnectionDetails} and {@code qstash.listener.clock-tolerance}. The
 * bean is lazy: an application that never verifies a delivery needs no signing key, while
 * one that has listeners (or asks for the verifier) fails at startup naming the missing
 * property.
 */
@AutoConfiguration(after = QStashAutoConfiguration.class)
public final class QStashSignatureAutoConfiguration {

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    QStashSignatureVerifier qstashSignatureVerifier(QStashConnectionDetails connectionDetails,
            QStashProperties properties) {
        if (!StringUtils.hasText(connectionDetails.getCurrentSigningKey())) {
            throw new IllegalStateException("No QStash signing key is configured, so deliveries cannot be verified. "
                    + "Set qstash.current-signing-key (environment variable QSTASH_CURRENT_SIGNING_KEY) and "
                    + "qstash.next-signing-key (QSTASH_NEXT_SIGNING_KEY) to the keys shown in the QStash console.");
        }
        return QStashSignatureVerifier.builder()
            .currentSigningKey(connectionDetails.getCurrentSigningKey())
            .nextSigningKey(connectionDetails.getNextSigningKey())
            .clockTolerance(properties.getListener().getClockTolerance())
            .build();
    }

}

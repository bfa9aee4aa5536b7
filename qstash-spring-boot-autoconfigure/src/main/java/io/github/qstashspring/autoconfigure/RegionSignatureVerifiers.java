package io.github.qstashspring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import io.github.qstashspring.listener.QStashRequestVerifier;
import io.github.qstashspring.signature.QStashSignatureVerifier;

/**
 * Builds one {@link QStashSignatureVerifier} per region of {@code qstash.regions}, with
 * the same clock tolerance as the default verifier, failing on a region without a current
 * key. A QStash region not listed there is still picked up from the variables the
 * official SDKs read in their multi-region mode
 * ({@code US_EAST_1_QSTASH_CURRENT_SIGNING_KEY} and
 * {@code US_EAST_1_QSTASH_NEXT_SIGNING_KEY}, and the same for {@code EU_CENTRAL_1}).
 */
final class RegionSignatureVerifiers {

    private static final List<String> KNOWN_REGIONS = List.of("EU_CENTRAL_1", "US_EAST_1");

    private RegionSignatureVerifiers() {
    }

    static Map<String, QStashSignatureVerifier> of(QStashProperties properties, Environment environment) {
        Map<String, QStashSignatureVerifier> verifiers = new LinkedHashMap<>();
        properties.getRegions().forEach((region, keys) -> {
            if (!StringUtils.hasText(keys.getCurrentSigningKey())) {
                throw new IllegalStateException("qstash.regions." + region + ".current-signing-key is not set: "
                        + "each region listed under qstash.regions needs the current signing key of that "
                        + "region (and its next-signing-key), as shown in the QStash console of the region.");
            }
            verifiers.put(QStashRequestVerifier.regionKey(region),
                    verifier(properties, keys.getCurrentSigningKey(), keys.getNextSigningKey()));
        });
        for (String region : KNOWN_REGIONS) {
            String current = environment.getProperty(region + "_QSTASH_CURRENT_SIGNING_KEY");
            if (!verifiers.containsKey(region) && StringUtils.hasText(current)) {
                verifiers.put(region,
                        verifier(properties, current, environment.getProperty(region + "_QSTASH_NEXT_SIGNING_KEY")));
            }
        }
        return verifiers;
    }

    private static QStashSignatureVerifier verifier(QStashProperties properties, @Nullable String current,
            @Nullable String next) {
        return QStashSignatureVerifier.builder()
            .currentSigningKey(current)
            .nextSigningKey(next)
            .clockTolerance(properties.getListener().getClockTolerance())
            .build();
    }

}

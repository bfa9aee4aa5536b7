package io.github.qstashspring.listener;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.util.function.SingletonSupplier;

import io.github.qstashspring.signature.QStashSignatureClaims;
import io.github.qstashspring.signature.QStashSignatureException;
import io.github.qstashspring.signature.QStashSignatureVerifier;

/**
 * Verifies the {@code Upstash-Signature} of a servlet request against its raw body,
 * deciding which URL the {@code sub} claim must equal: the configured public base URL
 * followed by the request URI and query string, or else the URL the request arrived on
 * (which reflects {@code Forwarded}/{@code X-Forwarded-*} headers when
 * {@code server.forward-headers-strategy} is set), or no URL at all when URL checking is
 * off. Used by {@link QStashListener} endpoints and {@link QStashVerified} controllers.
 * <p>
 * An application receiving from more than one QStash region (while migrating between
 * them) can give each region its own keys: a request whose {@code Upstash-Region} header
 * names one of them ({@code US-EAST-1}, {@code us_east_1} and {@code us-east-1} are the
 * same region) is verified with that region's keys only; any other request with the
 * default keys. The header only chooses among keys the application trusts, so a forged
 * header cannot widen what verifies.
 */
public final class QStashRequestVerifier {

    private final Supplier<QStashSignatureVerifier> verifier;

    private final Map<String, QStashSignatureVerifier> regionVerifiers;

    private final @Nullable String baseUrl;

    private final boolean verifyUrl;

    /**
     * Creates a request verifier.
     * @param verifier supplies the signature verifier; called on first use, so an
     * application without listeners needs no signing keys
     * @param baseUrl the public base URL of the application (for example
     * {@code https://my-app.example.com}), or {@code null} to use the request's own URL
     * @param verifyUrl whether the {@code sub} claim is checked at all
     */
    public QStashRequestVerifier(Supplier<QStashSignatureVerifier> verifier, @Nullable String baseUrl,
            boolean verifyUrl) {
        this(verifier, Map.of(), baseUrl, verifyUrl);
    }

    /**
     * Creates a request verifier that also knows the keys of other regions.
     * @param verifier supplies the signature verifier of the default keys; called on
     * first use
     * @param regionVerifiers verifiers by region name ({@code us-east-1},
     * {@code EU_CENTRAL_1}, ...), used for requests whose {@code Upstash-Region} header
     * names that region
     * @param baseUrl the public base URL of the application, or {@code null} to use the
     * request's own URL
     * @param verifyUrl whether the {@code sub} claim is checked at all
     */
    public QStashRequestVerifier(Supplier<QStashSignatureVerifier> verifier,
            Map<String, QStashSignatureVerifier> regionVerifiers, @Nullable String baseUrl, boolean verifyUrl) {
        this.verifier = SingletonSupplier.of(verifier);
        this.regionVerifiers = new LinkedHashMap<>();
        regionVerifiers
            .forEach((region, regionVerifier) -> this.regionVerifiers.put(regionKey(region), regionVerifier));
        this.baseUrl = (baseUrl == null || baseUrl.isBlank()) ? null : stripTrailingSlash(baseUrl.trim());
        this.verifyUrl = verifyUrl;
    }

    /**
     * Verifies the request.
     * @param request the request, for the header and the URL
     * @param body the raw body bytes, exactly as received
     * @return the verified claims
     * @throws QStashSignatureException naming the check that failed
     */
    public QStashSignatureClaims verify(HttpServletRequest request, byte[] body) {
        String url = this.verifyUrl ? publicUrl(request) : null;
        return verifierFor(request.getHeader(QStashMessage.REGION_HEADER))
            .verify(request.getHeader(QStashSignatureVerifier.SIGNATURE_HEADER), body, url);
    }

    private QStashSignatureVerifier verifierFor(@Nullable String region) {
        if (region != null && !this.regionVerifiers.isEmpty()) {
            QStashSignatureVerifier regionVerifier = this.regionVerifiers.get(regionKey(region));
            if (regionVerifier != null) {
                return regionVerifier;
            }
        }
        return this.verifier.get();
    }

    /**
     * The name a region is known by, whatever its spelling: {@code US-EAST-1},
     * {@code us_east_1} and {@code us-east-1} all give {@code US_EAST_1}.
     * @param region a region name, as configured or as the {@code Upstash-Region} header
     * gives it
     * @return the canonical name
     */
    public static String regionKey(String region) {
        return region.trim().replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * The URL QStash must have signed for this request.
     * @param request the request
     * @return the absolute URL including the query string
     */
    public String publicUrl(HttpServletRequest request) {
        String query = request.getQueryString();
        if (this.baseUrl != null) {
            String path = this.baseUrl + request.getRequestURI();
            return (query != null) ? path + '?' + query : path;
        }
        StringBuffer url = request.getRequestURL();
        return (query != null) ? url.append('?').append(query).toString() : url.toString();
    }

    /**
     * Resolves the signature verifier now, failing if it cannot be created (no signing
     * key).
     */
    void requireVerifier() {
        this.verifier.get();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

}

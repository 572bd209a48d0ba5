package io.salestargets.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verified bearer tokens, remembered until they expire (docs/security.md, "Tokens"): a token that SmallRye JWT
 * verified once (signature, algorithm, issuer, audience, time) is not verified again on each request while it
 * is valid. Only what SmallRye JWT verifies is skipped; what follows it runs on every request as before
 * (the security identity is built anew, {@link ApiAuthentication} and {@link Callers} read the caller).
 *
 * <ul>
 * <li><b>Successes only.</b> A token that fails verification is not remembered: each attempt costs a full
 * verification, and a tampered copy of a remembered token is another string, so it is verified (and refused).</li>
 * <li><b>Never past {@code exp}.</b> An entry lives until the token's {@code exp}, never longer; past it, the
 * token is verified again, which accepts it within the verifier's clock skew and refuses it after, exactly as
 * without the cache. A token accepted only thanks to the skew (its {@code nbf} still ahead, or its {@code exp}
 * passed) is not remembered; with {@code mp.jwt.verify.token.age} set, an entry ends at that age too.</li>
 * <li><b>Per verifier configuration.</b> Entries are keyed by the raw token and a fingerprint of the verifier's
 * configuration (keys, key locations, issuer, audiences, algorithms, skew, required claims...): a token verified
 * under one configuration is never taken as verified under another. Each configuration has its own SmallRye
 * verifier, which keeps the key resolver of the configuration it was built for.</li>
 * <li><b>Bounded.</b> At most {@value #MAX_ENTRIES} entries ({@code TOKEN_CACHE_MAX_ENTRIES}, default 10,000;
 * 0 turns the cache off); past it, Caffeine evicts by its frequency and recency policy (W-TinyLFU): in a full
 * cache a new token is admitted once it is seen more often than the entry it would evict, so tokens used once do not
 * push out the ones in use.</li>
 * </ul>
 *
 * <p>Where: SmallRye JWT's own extension point for turning a token into a verified principal, a
 * {@link JWTCallerPrincipalFactory} bean (an alternative to SmallRye's producer, which {@code DefaultJWTParser}
 * injects). Quarkus's {@code MpJwtValidator} still builds the identity per request (it carries that request's
 * routing context, so an identity must never be shared), and every check after verification stays as it was.
 *
 * <p>Metrics: {@code token_cache_hits_total} (requests answered from the cache), {@code token_verifications_total}
 * with {@code outcome} {@code accepted} or {@code refused} (full verifications), {@code token_cache_entries}.
 */
@Singleton
@Alternative
@Priority(1)
public class VerifiedTokens extends JWTCallerPrincipalFactory {

    static final String MAX_ENTRIES = "token-cache.max-entries";

    private final Cache<Entry, Verified> verified;
    private final boolean caching;
    /** One SmallRye verifier per configuration fingerprint: it keeps the key resolver of the first it sees. */
    private final Map<String, JWTCallerPrincipalFactory> verifiers = new ConcurrentHashMap<>();
    private volatile Fingerprint last = new Fingerprint(null, "");
    private final Counter hits;
    private final Counter accepted;
    private final Counter refused;

    public VerifiedTokens(@ConfigProperty(name = MAX_ENTRIES, defaultValue = "10000") long maxEntries, MeterRegistry registry) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException(MAX_ENTRIES + " must be 0 (no cache) or more, not " + maxEntries);
        }
        // off at 0: a size-0 Caffeine cache would still answer concurrent reads from an entry until it is evicted
        this.caching = maxEntries > 0;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new UntilExpiry())
                // evictions happen in the calling thread, so that the bound holds when a put returns
                .executor(Runnable::run)
                .build();
        this.hits = registry.counter("token.cache.hits");
        this.accepted = registry.counter("token.verifications", "outcome", "accepted");
        this.refused = registry.counter("token.verifications", "outcome", "refused");
        registry.gauge("token.cache.entries", verified, Cache::estimatedSize);
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo configuration) throws ParseException {
        String fingerprint = fingerprint(configuration);
        Entry entry = new Entry(fingerprint, token);
        Verified known = verified.getIfPresent(entry);
        // the wall clock decides, as for the verifier: Caffeine's own expiry only frees the memory
        if (known != null && System.currentTimeMillis() < known.untilMillis()) {
            hits.increment();
            return known.principal();
        }
        JWTCallerPrincipal principal;
        try {
            principal = verifiers.computeIfAbsent(fingerprint, f -> new DefaultJWTCallerPrincipalFactory()).parse(token, configuration);
        } catch (ParseException | RuntimeException e) {
            refused.increment();
            throw e;
        }
        accepted.increment();
        long until = validUntilMillis(principal, configuration);
        long now = System.currentTimeMillis();
        if (caching && now < until && notBeforeHasCome(principal, now)) {
            verified.put(entry, new Verified(principal, until));
        }
        return principal;
    }

    /** The verified entries now (approximate while evictions are pending); for tests and the gauge. */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /** When a verification of this token would next be needed: at {@code exp}, or earlier at the configured token age. */
    private static long validUntilMillis(JWTCallerPrincipal principal, JWTAuthContextInfo configuration) {
        long until = TimeUnit.SECONDS.toMillis(principal.getExpirationTime());
        Long tokenAge = configuration.getTokenAge();
        if (tokenAge != null) {
            until = Math.min(until, TimeUnit.SECONDS.toMillis(principal.getIssuedAtTime() + tokenAge));
        }
        return until;
    }

    private static boolean notBeforeHasCome(JWTCallerPrincipal principal, long now) {
        Number notBefore = principal.getClaim("nbf");
        return notBefore == null || TimeUnit.SECONDS.toMillis(notBefore.longValue()) <= now;
    }

    private String fingerprint(JWTAuthContextInfo configuration) {
        Fingerprint known = last;
        if (known.configuration() == configuration) {
            return known.value();
        }
        // SmallRye takes a configuration as fixed once it is used (its verifier keeps the key resolver it built), so
        // one fingerprint per instance: the service's one configuration is fingerprinted once, not per request
        String value = fingerprintOf(configuration);
        last = new Fingerprint(configuration, value);
        return value;
    }

    /**
     * A SHA-256 of everything in the configuration that decides whether a token verifies, and what its principal
     * holds: {@link JWTAuthContextInfo#toString()} names every setting but the clock skew and the required claims,
     * and names secret keys by their hash code only, so those are added, with every key's encoded bytes.
     */
    static String fingerprintOf(JWTAuthContextInfo configuration) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(configuration.toString().getBytes(StandardCharsets.UTF_8));
            sha256.update(("|clockSkew=" + configuration.getClockSkew() + "|requiredClaims=" + configuration.getRequiredClaims())
                    .getBytes(StandardCharsets.UTF_8));
            for (Key key : new Key[] {configuration.getPublicVerificationKey(), configuration.getSecretVerificationKey(),
                    configuration.getPrivateDecryptionKey(), configuration.getSecretDecryptionKey()}) {
                sha256.update((byte) '|');
                if (key != null && key.getEncoded() != null) {
                    sha256.update(key.getEncoded());
                }
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record Entry(String configuration, String token) {
    }

    private record Verified(JWTCallerPrincipal principal, long untilMillis) {
    }

    private record Fingerprint(JWTAuthContextInfo configuration, String value) {
    }

    /** Frees an entry at its token's {@code exp} (or token age). */
    private static final class UntilExpiry implements Expiry<Entry, Verified> {
        @Override
        public long expireAfterCreate(Entry entry, Verified verified, long currentTime) {
            return Math.max(0, TimeUnit.MILLISECONDS.toNanos(verified.untilMillis() - System.currentTimeMillis()));
        }

        @Override
        public long expireAfterUpdate(Entry entry, Verified verified, long currentTime, long currentDuration) {
            return expireAfterCreate(entry, verified, currentTime);
        }

        @Override
        public long expireAfterRead(Entry entry, Verified verified, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}

package io.salestargets.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.salestargets.events.access.Caller;
import io.salestargets.events.access.TokenClaims;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller that each verified token names, read from its claims once per verified principal rather than on
 * every request: with {@link VerifiedTokens} a dashboard's token gives the same principal request after
 * request, and turning its claims into a {@link Caller} (JSON per claim, rights, groups) was a quarter of an
 * instance's request threads' time at 5,000 reads/s (BENCHMARKS.md).
 *
 * <p>Keyed by the principal itself (SmallRye's, never a CDI proxy of it), by identity, held weakly: an entry lives as long as its principal does
 * (while {@link VerifiedTokens} remembers the token, at most until its {@code exp}); nothing is shared between
 * two verifications of a token, and no token text is hashed. A principal whose claims name no usable caller
 * is not remembered (its {@code UnusableTokenException} comes again each time).
 */
@Singleton
public class ClaimedCallers {

    private final Cache<JsonWebToken, Caller> callers = Caffeine.newBuilder().weakKeys().executor(Runnable::run).build();

    /** The caller the verified principal's claims name; {@code UnusableTokenException} (401) if they name none. */
    public Caller of(JsonWebToken verified) {
        if (!(verified instanceof JWTCallerPrincipal)) {
            // a CDI proxy of the request's token (one object for every request) or another kind: never a key
            return TokenClaims.caller(Callers.claims(verified));
        }
        Caller known = callers.getIfPresent(verified);
        if (known == null) {
            known = TokenClaims.caller(Callers.claims(verified));
            callers.put(verified, known);
        }
        return known;
    }
}

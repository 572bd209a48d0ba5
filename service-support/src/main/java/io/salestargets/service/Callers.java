package io.salestargets.service;

import io.salestargets.events.access.Caller;
import io.salestargets.events.access.TokenClaims;
import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of this request, from its verified bearer token (contract section 2). A token without a
 * usable {@code tid} or {@code sub}, or with malformed rights, is not a caller: 401. A caller without
 * Sales Premium is refused: 403 license-required.
 */
@RequestScoped
public class Callers {

    private final JsonWebToken jwt;
    private Caller caller;

    public Callers(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public Caller current() {
        if (caller == null) {
            Caller read = TokenClaims.caller(jwt == null ? null : jwt.getRawToken());
            if (!read.hasLicense(Caller.SALES_PREMIUM)) {
                throw ProblemException.licenseRequired("Sales targets need the " + Caller.SALES_PREMIUM + " licence");
            }
            caller = read;
        }
        return caller;
    }

    /** When the token expires (its {@code exp}): what was allowed with it ends then, a live stream too. */
    public Instant expiresAt() {
        current();
        return Instant.ofEpochSecond(jwt.getExpirationTime());
    }

    /** The bearer token as received, to pass on when a request is forwarded to another instance. */
    public String rawToken() {
        current();
        return jwt.getRawToken();
    }
}

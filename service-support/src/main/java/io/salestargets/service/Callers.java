package io.salestargets.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salestargets.events.access.Caller;
import io.salestargets.events.json.EventJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonValue;
import java.time.Instant;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of this request, from the claims of its verified bearer token (contract section 2), read
 * once per request (by {@link ApiAuthentication} before the resource, then kept; and once per verified
 * token, {@link ClaimedCallers}). A token without a
 * usable {@code tid} or {@code sub}, or with malformed rights, is not a caller: 401. A caller without
 * Sales Premium is refused: 403 license-required.
 */
@RequestScoped
public class Callers {

    private final JsonWebToken jwt;
    private final ClaimedCallers claimedCallers;
    private Caller claimed;

    public Callers(JsonWebToken jwt, ClaimedCallers claimedCallers) {
        this.jwt = jwt;
        this.claimedCallers = claimedCallers;
    }

    /** The caller with Sales Premium; else 403 license-required. */
    public Caller current() {
        Caller caller = claimed();
        if (!caller.hasLicense(Caller.SALES_PREMIUM)) {
            throw ProblemException.licenseRequired("Sales targets need the " + Caller.SALES_PREMIUM + " licence");
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

    private Caller claimed() {
        return claimed(jwt);
    }

    /**
     * The caller that the claims of this request's verified token name, licences not checked; an
     * {@code UnusableTokenException} (401) if they name none. Read once: later calls give the same caller.
     */
    Caller claimed(JsonWebToken verified) {
        if (claimed == null) {
            claimed = claimedCallers.of(verified);
        }
        return claimed;
    }

    /**
     * The verified claims as JSON, from the JWT layer's own reading of them: custom claims are JSON values there,
     * the standard ones ({@code sub}, {@code exp}, ...) Java strings, numbers and sets.
     */
    static ObjectNode claims(JsonWebToken jwt) {
        ObjectNode claims = EventJson.mapper().createObjectNode();
        if (jwt == null || jwt.getClaimNames() == null) {
            return claims;
        }
        for (String name : jwt.getClaimNames()) {
            if (name.equals(Claims.raw_token.name())) {
                continue;
            }
            Object value = jwt.getClaim(name);
            claims.set(name, value instanceof JsonValue json ? EventJson.read(json.toString(), JsonNode.class)
                    : EventJson.mapper().valueToTree(value));
        }
        return claims;
    }
}

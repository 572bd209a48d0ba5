package io.salestargets.command.target.rest;

import io.salestargets.command.target.domain.Access;
import io.salestargets.events.access.Caller;
import io.salestargets.events.access.TokenClaims;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of this request, from its verified bearer token. A token without a usable {@code tid}
 * or {@code sub}, or with malformed rights, is not a caller: 401. A caller without Sales Premium is
 * refused: 403 license-required.
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
            Access.requirePremium(read);
            caller = read;
        }
        return caller;
    }
}

package io.salestargets.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The token policy of contract section 2 that the JWT layer does not enforce by itself: it skips the issuer
 * check when no issuer is configured, and the audience check when no audience is. A service without either
 * refuses to start, with a message naming the setting (docs/security.md, "Tokens"). The dev profile sets the
 * dev issuer and audience; the local stack, the tests and the manifests set them by environment.
 * The algorithm is pinned to RS256 in each service's {@code application.properties}
 * ({@code mp.jwt.verify.publickey.algorithm}).
 */
@ApplicationScoped
public class TokenPolicy {

    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String AUDIENCES = "mp.jwt.verify.audiences";

    void onStart(@Observes StartupEvent startup, Config config) {
        require(config);
    }

    /** Throws {@link IllegalStateException} naming every required setting that is missing or empty. */
    static void require(Config config) {
        List<String> missing = new ArrayList<>();
        for (String setting : List.of(ISSUER, AUDIENCES)) {
            Optional<String> value = config.getOptionalValue(setting, String.class);
            if (value.isEmpty() || value.get().isBlank()) {
                missing.add(setting + " (" + environmentVariable(setting) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Bearer tokens cannot be checked: " + String.join(" and ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " not set. Set the issuer (iss) and the audience (aud) "
                    + "your identity provider puts into the tokens for this service (docs/security.md, \"Tokens\")");
        }
    }

    private static String environmentVariable(String setting) {
        return setting.toUpperCase().replace('.', '_');
    }
}

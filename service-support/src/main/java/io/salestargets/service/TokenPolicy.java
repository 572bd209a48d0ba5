package io.salestargets.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The token policy of contract section 2 that the JWT layer does not enforce by itself: it skips the issuer
 * check when no issuer is configured, and the audience check when no audience is. A service without either
 * refuses to start, with a message naming the setting (docs/security.md, "Tokens").
 *
 * <p>The one exception is the local stack's: the contract's tokens (section 2, and every dev token a CRM or a
 * test built from it) carry no {@code aud}, so {@code deploy/local/start}, {@code docker compose} and dev mode
 * set {@value #ANY_AUDIENCE} ({@code TOKEN_POLICY_ANY_AUDIENCE=true}): the issuer is still required, a token's
 * audience is not checked, and the service says so at startup. Production manifests never set it. The
 * algorithm is pinned to RS256 in each service's {@code application.properties}
 * ({@code mp.jwt.verify.publickey.algorithm}).
 */
@ApplicationScoped
public class TokenPolicy {

    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String AUDIENCES = "mp.jwt.verify.audiences";
    /** Local and dev use only: start without an audience, accepting a verified token of any (or no) audience. */
    static final String ANY_AUDIENCE = "token-policy.any-audience";

    private static final Logger LOG = Logger.getLogger(TokenPolicy.class);

    void onStart(@Observes StartupEvent startup, Config config) {
        if (require(config)) {
            LOG.warnf("%s is set and no audience (%s): tokens of any audience are accepted. For local and dev use only",
                    ANY_AUDIENCE, AUDIENCES);
        }
    }

    /**
     * Throws {@link IllegalStateException} naming every required setting that is missing or empty.
     *
     * @return whether the service runs without an audience check ({@value #ANY_AUDIENCE}, no audience set)
     */
    static boolean require(Config config) {
        boolean anyAudience = config.getOptionalValue(ANY_AUDIENCE, Boolean.class).orElse(false);
        List<String> missing = new ArrayList<>();
        if (!present(config, ISSUER)) {
            missing.add(ISSUER + " (" + environmentVariable(ISSUER) + ")");
        }
        boolean audience = present(config, AUDIENCES);
        if (!audience && !anyAudience) {
            missing.add(AUDIENCES + " (" + environmentVariable(AUDIENCES) + ")");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Bearer tokens cannot be checked: " + String.join(" and ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " not set. Set the issuer (iss) and the audience (aud) "
                    + "your identity provider puts into the tokens for this service (docs/security.md, \"Tokens\")");
        }
        return !audience;
    }

    private static boolean present(Config config, String setting) {
        Optional<String> value = config.getOptionalValue(setting, String.class);
        return value.isPresent() && !value.get().isBlank();
    }

    private static String environmentVariable(String setting) {
        return setting.toUpperCase().replace('.', '_').replace('-', '_');
    }
}

package io.salestargets.service;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Contract section 2: every {@code /api/**} request without a valid bearer token is 401, also one that no
 * resource answers (an unknown path, else 404) or a method that none takes (else 405). The resources are
 * {@code @Authenticated}, but that is checked only once a resource method has matched; this filter checks
 * before the matching (a pre-matching filter), so that the answer says nothing about which paths exist.
 *
 * <p>Valid means what the resources require (docs/security.md, "Tokens"): a verified token (signature, RS256, issuer,
 * audience, time) and a usable caller in it ({@code tid}, {@code sub}, rights). A refusal is an exception that
 * {@link ProblemMapper} answers, as for every endpoint: 401 problem+json, type {@code /problems/unauthenticated},
 * {@code WWW-Authenticate: Bearer}. With a valid token, the request goes on as before (an unknown path is 404
 * not-found). {@code OPTIONS} (CORS preflights carry no token) and every path outside {@code /api} (the
 * dashboard's files; {@code /q/*} never reaches Quarkus REST) are left as they are.
 */
public class ApiAuthentication {

    private final CurrentIdentityAssociation identities;
    private final Callers callers;

    public ApiAuthentication(CurrentIdentityAssociation identities, Callers callers) {
        this.identities = identities;
        this.callers = callers;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Void> requireToken(ContainerRequestContext request, HttpServerRequest http) {
        if (HttpMethod.OPTIONS.equals(request.getMethod()) || !underApi(http.path())) {
            return Uni.createFrom().voidItem();
        }
        // resolves the token now (authentication is on demand): a bad one fails with AuthenticationFailedException
        return identities.getDeferredIdentity().invoke(this::requireCaller).replaceWithVoid();
    }

    private void requireCaller(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (identity.getPrincipal() instanceof JsonWebToken verified) {
            // UnusableTokenException for a token without a usable caller; read once, for the resource too
            callers.claimed(verified);
        }
    }

    /**
     * Whether the path's first segment (empty ones and matrix parameters aside) is {@code api}. Read from the raw
     * path: decoding a path with a stray {@code %} fails, and such a path is the resources' to refuse (400/404).
     */
    private static boolean underApi(String rawPath) {
        for (String segment : rawPath.split("/")) {
            int parameters = segment.indexOf(';');
            String name = parameters < 0 ? segment : segment.substring(0, parameters);
            if (!name.isEmpty()) {
                return name.equals("api");
            }
        }
        return false;
    }
}

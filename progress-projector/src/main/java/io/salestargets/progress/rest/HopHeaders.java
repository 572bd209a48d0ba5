package io.salestargets.progress.rest;

import io.salestargets.progress.query.InstanceForwarder;
import io.salestargets.progress.query.InstanceHops;
import io.salestargets.service.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The edge of the instance hops (docs/security.md, "Instance hops"): the headers by which one instance asks
 * another ({@link InstanceForwarder#FORWARDED}) count only on a request
 * that carries a valid {@link InstanceHops#PROOF}. From a client, without a proof, they are dropped before
 * the resources see them (the request is answered as any other: a client cannot make an instance wait for a
 * key it does not own, nor get a part of a list). A request with a proof that does not verify (another
 * secret, another path, too old) is refused: 403 forbidden.
 */
public class HopHeaders {

    private static final List<String> HOP_HEADERS = List.of(InstanceForwarder.FORWARDED);

    private final InstanceHops hops;

    public HopHeaders(InstanceHops hops) {
        this.hops = hops;
    }

    @ServerRequestFilter(preMatching = true)
    public void onlyFromInstances(ContainerRequestContext request, HttpServerRequest http) {
        String proof = request.getHeaderString(InstanceHops.PROOF);
        List<String> present = HOP_HEADERS.stream().filter(header -> request.getHeaderString(header) != null).toList();
        if (proof == null) {
            present.forEach(header -> request.getHeaders().remove(header));
            return;
        }
        if (present.size() != 1 || !hops.verifies(proof, request.getMethod(), http.uri(), present.get(0),
                request.getHeaderString(present.get(0)))) {
            throw ProblemException.forbidden("The " + InstanceHops.PROOF + " header does not verify: only another instance "
                    + "of the projector, with the same projector.hop-secret, sends it");
        }
    }
}

package io.salestargets.progress.query;

import io.salestargets.events.json.EventJson;
import io.salestargets.service.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the projector, server-side: clients never need to know which instance
 * owns a key, nor reach internal host names. The caller's token goes along; the other instance
 * checks it again. Each hop carries the proof of {@link InstanceHops}: a client's own {@link #FORWARDED}
 * header has no effect ({@code HopHeaders} drops it at the edge).
 */
@ApplicationScoped
public class InstanceForwarder {

    /** Marks a request one instance forwarded to another: it is answered there, never forwarded again. */
    public static final String FORWARDED = "X-Projector-Forwarded";
    /** The instance ({@code host:port}) whose stores gave a view: for operators following a request. */
    public static final String ANSWERED_BY = "X-Projector-Answered-By";

    private final InstanceHops hops;

    public InstanceForwarder(InstanceHops hops) {
        this.hops = hops;
    }

    /** HTTP/1.1 with kept-alive connections: no h2c upgrade, which the JDK's client would try on each new connection. */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** The other instance's answer to the same request, status and body as they are. */
    public Response forward(HostInfo host, String pathAndQuery, String token) {
        HttpResponse<String> answer = send(host, pathAndQuery, token, FORWARDED, "true");
        Response.ResponseBuilder response = Response.status(answer.statusCode()).entity(answer.body());
        answer.headers().firstValue("Content-Type").ifPresent(type -> response.header("Content-Type", type));
        answer.headers().firstValue("ETag").ifPresent(etag -> response.header("ETag", etag));
        answer.headers().firstValue("Retry-After").ifPresent(after -> response.header("Retry-After", after));
        answer.headers().firstValue(ANSWERED_BY).ifPresent(by -> response.header(ANSWERED_BY, by));
        return response.build();
    }

    private HttpResponse<String> send(HostInfo host, String pathAndQuery, String token, String header, String value) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header(header, value)
                .header(InstanceHops.PROOF, hops.proof("GET", pathAndQuery, header, value))
                .GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ProblemException.unavailable("Instance " + host + " does not answer: " + e.getMessage(), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("Interrupted while asking instance " + host, 1);
        }
    }
}

package io.salestargets.progress.query;

import io.salestargets.service.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Authenticates the requests one instance of the projector sends another ({@link InstanceForwarder}): the
 * {@link #PROOF} header, {@code <epoch seconds>.<HMAC-SHA256>} keyed with {@code projector.hop-secret}
 * ({@code PROJECTOR_HOP_SECRET}, the same on every instance) over the method, the path and query, the hop
 * header and the time. A proof older or newer than {@link #VALIDITY} does not verify, so that one seen on the
 * wire cannot be replayed for long, nor used for another path. Compared in constant time.
 *
 * <p>Without a secret, an instance accepts no hop and sends none: enough while one instance runs; with more,
 * a query for a key of another instance answers 503 and says so (docs/security.md, "Instance hops").
 */
@ApplicationScoped
public class InstanceHops {

    /** The proof that a request comes from another instance of the projector. */
    public static final String PROOF = "X-Projector-Hop";
    /** How far a proof's time may be from this instance's clock. */
    static final Duration VALIDITY = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(InstanceHops.class);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Optional<SecretKeySpec> key;
    private final Clock clock;

    @Inject
    InstanceHops(@ConfigProperty(name = "projector.hop-secret") Optional<String> secret) {
        this(secret, Clock.systemUTC());
    }

    public InstanceHops(Optional<String> secret, Clock clock) {
        this.key = secret.filter(value -> !value.isBlank())
                .map(value -> new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        this.clock = clock;
        if (key.isEmpty()) {
            LOG.info("No projector.hop-secret (PROJECTOR_HOP_SECRET): this instance neither sends nor accepts queries of other "
                    + "instances; set the same secret on every instance when more than one runs");
        }
    }

    /** The {@link #PROOF} of a hop to send; 503 when no secret is configured. */
    public String proof(String method, String pathAndQuery, String header, String value) {
        if (key.isEmpty()) {
            LOG.error("A query for a key of another instance cannot be forwarded: projector.hop-secret (PROJECTOR_HOP_SECRET) is not set");
            throw ProblemException.unavailable("This instance cannot ask the instance that holds the view: the instances "
                    + "share no projector.hop-secret (PROJECTOR_HOP_SECRET)", 30);
        }
        long now = clock.instant().getEpochSecond();
        return now + "." + mac(now, method, pathAndQuery, header, value);
    }

    /** Whether {@code proof} is a valid proof of this hop, sent within {@link #VALIDITY} of now. */
    public boolean verifies(String proof, String method, String pathAndQuery, String header, String value) {
        if (key.isEmpty() || proof == null) {
            return false;
        }
        int dot = proof.indexOf('.');
        long sent;
        try {
            sent = Long.parseLong(proof.substring(0, Math.max(dot, 0)));
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(clock.instant().getEpochSecond() - sent) > VALIDITY.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(mac(sent, method, pathAndQuery, header, value).getBytes(StandardCharsets.US_ASCII),
                proof.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(long time, String method, String pathAndQuery, String header, String value) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key.orElseThrow());
            String signed = method + "\n" + pathAndQuery + "\n" + header + ": " + value + "\n" + time;
            return BASE64URL.encodeToString(hmac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.salestargets.progress.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.service.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceHopsTest {

    private static final String PATH = "/api/v1/progress/2026/all-sales-amount/users/u-anna?asOf=2026-03-14";
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final InstanceHops instance = hops("a shared secret of the instances", NOW);

    @Test
    void aProofOfTheSameSecretVerifiesForItsMethodPathHeaderAndTimeOnly() {
        String proof = instance.proof("GET", PATH, InstanceForwarder.FORWARDED, "true");

        assertThat(hops("a shared secret of the instances", NOW.plusSeconds(29)).verifies(proof, "GET", PATH, InstanceForwarder.FORWARDED, "true")).isTrue();
        assertThat(hops("another secret", NOW).verifies(proof, "GET", PATH, InstanceForwarder.FORWARDED, "true")).isFalse();
        assertThat(instance.verifies(proof, "GET", PATH + "&item=x", InstanceForwarder.FORWARDED, "true")).isFalse();
        assertThat(instance.verifies(proof, "GET", PATH, InstanceForwarder.FORWARDED, "false")).isFalse();
        assertThat(instance.verifies(proof, "POST", PATH, InstanceForwarder.FORWARDED, "true")).isFalse();
        assertThat(hops("a shared secret of the instances", NOW.plusSeconds(31)).verifies(proof, "GET", PATH, InstanceForwarder.FORWARDED, "true")).isFalse();
        assertThat(hops("a shared secret of the instances", NOW.minusSeconds(31)).verifies(proof, "GET", PATH, InstanceForwarder.FORWARDED, "true")).isFalse();
        for (String malformed : new String[] {"", ".", "x.y", proof.substring(0, proof.length() - 1), NOW.getEpochSecond() + "."}) {
            assertThat(instance.verifies(malformed, "GET", PATH, InstanceForwarder.FORWARDED, "true")).as(malformed).isFalse();
        }
    }

    @Test
    void withoutASecretNoHopIsSentNorAccepted() {
        InstanceHops alone = new InstanceHops(Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(alone.verifies(instance.proof("GET", PATH, InstanceForwarder.FORWARDED, "true"), "GET", PATH,
                InstanceForwarder.FORWARDED, "true")).isFalse();
        assertThatThrownBy(() -> alone.proof("GET", PATH, InstanceForwarder.FORWARDED, "true")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("PROJECTOR_HOP_SECRET");
    }

    private static InstanceHops hops(String secret, Instant now) {
        return new InstanceHops(Optional.of(secret), Clock.fixed(now, ZoneOffset.UTC));
    }
}

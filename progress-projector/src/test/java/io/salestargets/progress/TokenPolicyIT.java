package io.salestargets.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.localstack.process.Ports;
import io.salestargets.localstack.service.ServiceProcess;
import io.salestargets.localstack.testing.TestInfrastructure;
import io.salestargets.localstack.token.DevKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, started as in production (no dev profile) without a token audience, refuses to
 * start, naming the setting: SmallRye JWT would otherwise skip the audience check (docs/security.md, "Tokens").
 */
class TokenPolicyIT {

    @Test
    void withoutATokenAudienceThePackagedServiceRefusesToStartNamingTheSetting() throws IOException {
        Path run = Path.of("target", "token-policy", UUID.randomUUID().toString()).toAbsolutePath();
        ServiceProcess projector = new ServiceProcess(new ServiceProcess.Settings("progress-projector-token-policy",
                Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath(), Ports.free(), run, run.resolve("projector.log")));
        try {
            assertThatThrownBy(() -> projector.start(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.get().bootstrapServers(),
                    "KAFKA_STREAMS_STATE_DIR", run.resolve("state").toString(),
                    "MP_JWT_VERIFY_PUBLICKEY", DevKeys.publicKeyPem(),
                    "MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER), Duration.ofSeconds(120)))
                    .hasMessageContaining("exited while starting");
            assertThat(Files.readString(run.resolve("projector.log")))
                    .contains("Bearer tokens cannot be checked: mp.jwt.verify.audiences (MP_JWT_VERIFY_AUDIENCES) is not set");
        } finally {
            projector.stop(Duration.ofSeconds(20));
        }
    }
}

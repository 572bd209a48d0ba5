package io.salestargets.localstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.salestargets.localstack.token.DevKeys;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} the real broker of {@link TestInfrastructure} with the contract's
 * topics, and makes the service verify tokens with the dev key.
 */
public class RealKafka implements QuarkusTestResourceLifecycleManager {

    static Map<String, String> config() {
        return Map.of(
                "kafka.bootstrap.servers", TestInfrastructure.get().bootstrapServers(),
                "mp.jwt.verify.publickey", DevKeys.publicKeyPem(),
                "mp.jwt.verify.issuer", DevKeys.ISSUER,
                "mp.jwt.verify.audiences", DevKeys.AUDIENCE);
    }

    @Override
    public Map<String, String> start() {
        return config();
    }

    @Override
    public void stop() {
        // the infrastructure stops with the JVM, so that the next Quarkus start reuses it
    }
}

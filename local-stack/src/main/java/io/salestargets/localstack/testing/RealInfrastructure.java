package io.salestargets.localstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.salestargets.localstack.postgres.DatabaseUrl;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} the real broker and database of {@link TestInfrastructure}, and makes
 * the service verify tokens with the dev key. For a service without a database, use {@link RealKafka}.
 *
 * <pre>@QuarkusTest
 * &#64;WithTestResource(RealInfrastructure.class)
 * class SomethingTest { ... }</pre>
 *
 * The infrastructure lives as long as the test JVM: restarting Quarkus for another test profile
 * reuses it.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        DatabaseUrl database = TestInfrastructure.get().database();
        Map<String, String> config = new HashMap<>(RealKafka.config());
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.user());
        config.put("quarkus.datasource.password", database.password());
        return config;
    }

    @Override
    public void stop() {
        // the infrastructure stops with the JVM, so that the next Quarkus start reuses it
    }
}

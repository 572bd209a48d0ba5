package io.salestargets.events;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/** The JSON Schemas of {@code src/main/resources/schemas/}, loaded by their {@code $id}s from the classpath. */
public final class ContractSchemas {

    public static final String ID_PREFIX = "https://sales-targets.example/schemas/v1/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(resolvers -> resolvers.mapPrefix(ID_PREFIX, "classpath:schemas/")));

    private ContractSchemas() {
    }

    public static Schema of(String recordName) {
        return REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + recordName + ".schema.json"));
    }

    public static List<Error> validate(String recordName, String json) {
        return of(recordName).validate(json, InputFormat.JSON);
    }
}

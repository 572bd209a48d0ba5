package io.salestargets.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.salestargets.events.json.EventJson;
import jakarta.inject.Singleton;

/** REST bodies use the product's one JSON configuration, the same as the records on the topics. */
@Singleton
public class JsonConfiguration implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}

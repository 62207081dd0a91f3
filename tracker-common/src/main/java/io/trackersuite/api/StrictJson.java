package io.trackersuite.api;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Request bodies bind strictly in every service, as an unknown field is refused rather than ignored: a field sent
 * twice ({@code {"regions":["a"],"regions":["b"]}}) is refused, not silently resolved to one of the two values, and a
 * fraction for a whole number ({@code "max_workers": 1.5}) has the wrong type instead of being cut to 1.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}

package dev.lethe.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** The one configured Jackson mapper: strict on input (unknown fields, duplicates, trailing tokens), ISO-8601 dates on output. */
final class Json {
    static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Json() {}

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
        return mapper;
    }

    /** Parses a whole body into a tree; a syntax error is a 400 naming {@code field}. */
    static JsonNode tree(Buffer body, String field) {
        if (body == null || body.length() == 0) {
            throw Problem.badRequest(field, "missing_body", "the request needs a JSON body");
        }
        return tree(body.getBytes(), field);
    }

    static JsonNode tree(byte[] bytes, String field) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw Problem.badRequest(field, "missing_body", "the request needs a JSON body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw Problem.badRequest(field, "malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Problem.badRequest(field, "malformed_json", "the body cannot be read as JSON");
        }
    }

    /** Serialises a response record. */
    static Buffer write(Object value) {
        try {
            return Buffer.buffer(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}

package io.trackersuite.session.api;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * JSON of our own records (WebSocket messages, Redis entries, events), with the application's ObjectMapper. A
 * failure here is a bug or corrupt stored data, not bad client input: client messages are parsed where they are
 * handled, so that a malformed one can be answered.
 */
@ApplicationScoped
public class Json {

    private final ObjectMapper mapper;
    /** Reads our own records tolerantly (see {@link #read}); built once, it is immutable and thread-safe. */
    private final ObjectReader tolerant;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
        this.tolerant = mapper.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A message as sent, with what it costs in a client's send queue (its length in UTF-8). */
    public record Encoded(String text, int bytes) {
    }

    /** Encodes once, for a message sent to many clients. */
    public Encoded encode(Object value) {
        String text = write(value);
        return new Encoded(text, text.getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * Our own records as stored or published, read tolerantly: a field added by a newer replica during a rolling
     * upgrade must not break an older one (request bodies, by contrast, bind strictly).
     */
    public <T> T read(String value, Class<T> type) {
        try {
            return tolerant.forType(type).readValue(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " JSON", e);
        }
    }
}

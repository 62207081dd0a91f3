package io.trackersuite.session.api;

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

    /**
     * A message as sent: its UTF-8 bytes, written as they are into every client's frame (never changed after
     * encoding).
     */
    public record Encoded(byte[] utf8) {
        /** What it costs in a client's send queue. */
        public int bytes() {
            return utf8.length;
        }
    }

    /** Encodes once, for a message sent to many clients. */
    public Encoded encode(Object value) {
        try {
            return new Encoded(mapper.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
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

package io.trackersuite.testing.aws;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One resource in the stub's account: its id, state, tags and the attributes its API answers with. */
public final class StubResource {

    public final String type;
    public final String region;
    public final String id;
    public volatile String state;
    public final Instant created;
    public final Map<String, String> tags = new LinkedHashMap<>();
    public final Map<String, Object> attrs = new ConcurrentHashMap<>();

    StubResource(String type, String region, String id, String state, Instant created) {
        this.type = type;
        this.region = region;
        this.id = id;
        this.state = state;
        this.created = created;
    }

    public StubResource tag(String key, String value) {
        tags.put(key, value);
        return this;
    }

    public StubResource attr(String key, Object value) {
        attrs.put(key, value);
        return this;
    }

    String text(String key) {
        Object v = attrs.get(key);
        return v == null ? null : v.toString();
    }

    long number(String key) {
        Object v = attrs.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }
}

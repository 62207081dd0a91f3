package io.trackersuite.scanner.inventory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One resource of the inventory, the same shape for every type. {@code name} is the Name tag where there is one;
 * {@code monthlyCost} is null when the cost depends on usage the inventory cannot see ({@code costBasis} says why).
 */
public record CloudResource(String id, String arn, String name, ResourceType type, String region, String state,
        Instant createdAt, Map<String, String> tags, Map<String, Object> metadata, BigDecimal monthlyCost,
        String costBasis) {

    public CloudResource withCost(BigDecimal monthlyCost, String costBasis) {
        return new CloudResource(id, arn, name, type, region, state, createdAt, tags, metadata, monthlyCost,
                costBasis);
    }

    /** A metadata value as text; null when absent. */
    public String text(String key) {
        Object value = metadata.get(key);
        return value == null ? null : value.toString();
    }

    /** A numeric metadata value; zero when absent or not a number. */
    public BigDecimal number(String key) {
        return metadata.get(key) instanceof Number n ? new BigDecimal(n.toString()) : BigDecimal.ZERO;
    }

    /** Whether the resource is in one of these states (billed states, states an action may start from). */
    public boolean inState(String... states) {
        for (String s : states) {
            if (s.equals(state)) {
                return true;
            }
        }
        return false;
    }

    public static Builder builder(ResourceType type, String region, String id) {
        return new Builder(type, region, id);
    }

    public static final class Builder {
        private final ResourceType type;
        private final String region;
        private final String id;
        private String arn;
        private String name;
        private String state;
        private Instant createdAt;
        private Map<String, String> tags = Map.of();
        private final Map<String, Object> metadata = new LinkedHashMap<>();

        private Builder(ResourceType type, String region, String id) {
            this.type = type;
            this.region = region;
            this.id = id;
        }

        public Builder arn(String arn) {
            this.arn = arn;
            return this;
        }

        /** The resource's own name, used when it has no Name tag (buckets, functions, tables...). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder state(String state) {
            this.state = state == null ? null : state.toLowerCase();
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = tags == null ? Map.of() : tags;
            return this;
        }

        /** Type-specific detail; null values are left out. */
        public Builder meta(String key, Object value) {
            if (value != null) {
                metadata.put(key, value);
            }
            return this;
        }

        public CloudResource build() {
            String nameTag = tags.get("Name");
            return new CloudResource(id, arn, nameTag != null && !nameTag.isBlank() ? nameTag : name, type, region,
                    state, createdAt, Collections.unmodifiableMap(new TreeMap<>(tags)),
                    Collections.unmodifiableMap(metadata), null, null);
        }
    }
}

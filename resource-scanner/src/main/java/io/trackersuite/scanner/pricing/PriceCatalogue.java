package io.trackersuite.scanner.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The versioned price list shipped with the service ({@code pricing/price-catalogue.json}): on-demand prices in USD,
 * us-east-1, with one factor per region. Its {@code source} and {@code version} say where the figures come from and
 * when they were read; update the file, not the code, when AWS changes a price. Beside the common fields, each
 * resource family reads the entries it prices by name ({@code ec2_hourly}, {@code ecr_storage_gb_month}...), so a
 * new type brings its prices in this file and nowhere else.
 */
public final class PriceCatalogue {

    public static final String RESOURCE = "pricing/price-catalogue.json";

    private final JsonNode root;
    private final int hoursPerMonth;
    private final BigDecimal defaultRegionFactor;

    private PriceCatalogue(JsonNode root) {
        this.root = root;
        this.hoursPerMonth = required("hours_per_month").intValue();
        this.defaultRegionFactor = amount("default_region_factor");
        required("region_factors");
    }

    public static PriceCatalogue load() {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        try (InputStream in = PriceCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new PriceCatalogue(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + RESOURCE, e);
        }
    }

    public String version() {
        return root.path("version").asText();
    }

    public int hoursPerMonth() {
        return hoursPerMonth;
    }

    /** A single price ({@code nat_gateway_hourly}); the catalogue must have it. */
    public BigDecimal amount(String name) {
        return required(name).decimalValue();
    }

    /** A price from a table ({@code ec2_hourly} → {@code t3.micro}); empty when the table does not list it. */
    public Optional<BigDecimal> amount(String table, String key) {
        JsonNode value = child(required(table), key);
        return value.isNumber() ? Optional.of(value.decimalValue()) : Optional.empty();
    }

    /** A price from a table of tables ({@code rds_hourly} → {@code postgres} → {@code db.t3.micro}). */
    public Optional<BigDecimal> amount(String table, String group, String key) {
        JsonNode value = child(child(required(table), group), key);
        return value.isNumber() ? Optional.of(value.decimalValue()) : Optional.empty();
    }

    /** A name from a table of names ({@code rds_engine_price_list} → {@code mariadb} → {@code mysql}). */
    public Optional<String> name(String table, String key) {
        JsonNode value = child(required(table), key);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The factor for a region's prices; unknown regions get the default (and their costs say so). */
    public BigDecimal regionFactor(String region) {
        JsonNode factor = child(root.path("region_factors"), region);
        return factor.isNumber() ? factor.decimalValue() : defaultRegionFactor;
    }

    public boolean knowsRegion(String region) {
        return child(root.path("region_factors"), region).isNumber();
    }

    /** The entry under {@code key}; a missing node (never null) when there is none or the key is null. */
    private static JsonNode child(JsonNode node, String key) {
        return key == null ? node.path("") : node.path(key);
    }

    /**
     * A name the code prices with but the file lacks is a build defect: the common entries stop the start, and
     * CostEstimatorTest prices every type against the shipped file.
     */
    private JsonNode required(String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalStateException(RESOURCE + " has no entry '" + name + "'");
        }
        return value;
    }
}

package io.trackersuite.scanner.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The versioned price list shipped with the service ({@code pricing/price-catalogue.json}): on-demand prices in USD,
 * us-east-1, with one factor per region. Its {@code source} and {@code version} say where the figures come from and
 * when they were read; update the file, not the code, when AWS changes a price.
 */
@RegisterForReflection
public record PriceCatalogue(String version, String currency, String source, int hoursPerMonth,
        Map<String, BigDecimal> regionFactors, BigDecimal defaultRegionFactor,
        Map<String, BigDecimal> ec2Hourly, Map<String, BigDecimal> ebsGbMonth,
        Map<String, BigDecimal> ebsProvisionedIopsMonth, int ebsGp3FreeIops, int ebsGp3FreeThroughputMbps,
        BigDecimal ebsGp3ThroughputMbpsMonth, Map<String, BigDecimal> snapshotGbMonth, BigDecimal publicIpv4Hourly,
        BigDecimal natGatewayHourly, Map<String, BigDecimal> loadBalancerHourly,
        Map<String, Map<String, BigDecimal>> rdsHourly, Map<String, String> rdsEnginePriceList,
        Map<String, BigDecimal> rdsStorageGbMonth, Map<String, BigDecimal> s3GbMonth, BigDecimal logsGbMonth,
        BigDecimal dynamodbRcuHourly, BigDecimal dynamodbWcuHourly, BigDecimal dynamodbStorageGbMonth,
        BigDecimal eksClusterHourly, Map<String, BigDecimal> elasticacheHourly) {

    public static final String RESOURCE = "pricing/price-catalogue.json";

    public static PriceCatalogue load() {
        ObjectMapper json = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = PriceCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return json.readValue(in, PriceCatalogue.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + RESOURCE, e);
        }
    }

    /** The factor for a region's prices; unknown regions get the default (and their costs say so). */
    public BigDecimal regionFactor(String region) {
        return regionFactors.getOrDefault(region, defaultRegionFactor);
    }

    public boolean knowsRegion(String region) {
        return regionFactors.containsKey(region);
    }
}

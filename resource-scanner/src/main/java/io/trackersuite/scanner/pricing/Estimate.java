package io.trackersuite.scanner.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One resource's monthly cost at us-east-1 prices (the estimator applies the region's factor) and the basis of the
 * figure. {@code monthly} is null when the cost depends on usage the inventory cannot see.
 */
public record Estimate(BigDecimal monthly, String basis) {

    public static final String USAGE_BASED = "usage-based: depends on requests and data transfer, not estimated";
    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

    public static Estimate of(BigDecimal monthly, String basis) {
        return new Estimate(monthly, basis);
    }

    /** An hourly price for a whole month of the catalogue's hours. */
    public static Estimate hourly(PriceCatalogue prices, BigDecimal hourly, String basis) {
        return new Estimate(hourly.multiply(BigDecimal.valueOf(prices.hoursPerMonth())), basis);
    }

    public static Estimate free(String basis) {
        return new Estimate(BigDecimal.ZERO, basis);
    }

    /** No figure rather than a guess (a type or class the catalogue does not price). */
    public static Estimate unknown(String basis) {
        return new Estimate(null, basis);
    }

    public static Estimate usageBased() {
        return new Estimate(null, USAGE_BASED);
    }

    public static BigDecimal bytesAsGb(BigDecimal bytes) {
        return bytes.divide(GIB, 10, RoundingMode.HALF_UP);
    }
}

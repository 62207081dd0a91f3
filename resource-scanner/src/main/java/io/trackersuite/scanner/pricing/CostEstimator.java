package io.trackersuite.scanner.pricing;

import java.math.RoundingMode;

import jakarta.enterprise.context.ApplicationScoped;

import io.trackersuite.scanner.families.ResourceTypes;
import io.trackersuite.scanner.inventory.CloudResource;

/**
 * Estimated monthly cost of one resource: its type's pricer (owned by the type's family) at us-east-1 prices, times
 * the region's factor. Only what the inventory shows is priced (hours a resource exists, provisioned or stored
 * size); usage-based charges (requests, data transfer, Lambda invocations) are never guessed: such resources get no
 * figure and a basis saying so.
 */
@ApplicationScoped
public class CostEstimator {

    private final ResourceTypes types;
    private final PriceCatalogue prices;

    public CostEstimator(ResourceTypes types) {
        this.types = types;
        this.prices = PriceCatalogue.load();
    }

    public CloudResource estimate(CloudResource r) {
        Estimate e = types.kind(r.type()).pricer().estimate(r, prices);
        if (e.monthly() == null) {
            return r.withCost(null, e.basis());
        }
        boolean charged = e.monthly().signum() > 0;
        String basis = charged && !prices.knowsRegion(r.region())
                ? e.basis() + "; region " + r.region() + " priced with the default factor" : e.basis();
        return r.withCost(e.monthly().multiply(prices.regionFactor(r.region())).setScale(4, RoundingMode.HALF_UP),
                basis);
    }
}

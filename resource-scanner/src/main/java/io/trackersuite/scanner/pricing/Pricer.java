package io.trackersuite.scanner.pricing;

import io.trackersuite.scanner.inventory.CloudResource;

/** How one resource type is priced: what the inventory shows of it, against the price catalogue. */
@FunctionalInterface
public interface Pricer {

    Estimate estimate(CloudResource resource, PriceCatalogue prices);

    /** For types AWS does not charge for by themselves. */
    static Pricer free(String basis) {
        return (resource, prices) -> Estimate.free(basis);
    }
}

package io.trackersuite.scanner.families;

import java.util.List;

import io.trackersuite.scanner.aws.AwsService;

/**
 * One AWS service family and everything the scanner knows of its resource types: how to list them (pagination,
 * tags), how each is priced (through the price catalogue), and which actions each supports with their
 * verification. Every {@code @ApplicationScoped} implementation is found by {@link ResourceTypes}: adding a type is
 * a family class (or a kind in one) plus its prices in {@code pricing/price-catalogue.json}.
 */
public interface ResourceFamily {

    /** The SDK clients the family's collectors and actions call. */
    List<AwsService<?>> clients();

    /** The family's resource types. */
    List<ResourceKind> kinds();
}

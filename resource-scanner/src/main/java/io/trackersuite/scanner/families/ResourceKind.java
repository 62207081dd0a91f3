package io.trackersuite.scanner.families;

import java.util.Optional;

import io.trackersuite.scanner.actions.ActionRules;
import io.trackersuite.scanner.inventory.Collector;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.pricing.Pricer;

/**
 * One resource type as its family declares it.
 *
 * @param collector lists the type in one region (or the account)
 * @param pricer its monthly cost at us-east-1 prices
 * @param taggingApiFilter the Resource Groups Tagging API's name for the type ({@code lambda:function}) when its
 *        collector takes tags from the scan's tag index rather than from its own list call
 * @param actions what can be done to it; empty when nothing
 */
public record ResourceKind(ResourceType type, Collector collector, Pricer pricer, Optional<String> taggingApiFilter,
        Optional<ActionRules> actions) {

    public static ResourceKind of(ResourceType type, Collector collector, Pricer pricer) {
        return new ResourceKind(type, collector, pricer, Optional.empty(), Optional.empty());
    }

    public ResourceKind taggedVia(String taggingApiFilter) {
        return new ResourceKind(type, collector, pricer, Optional.of(taggingApiFilter), actions);
    }

    public ResourceKind actions(ActionRules rules) {
        return new ResourceKind(type, collector, pricer, taggingApiFilter, Optional.of(rules));
    }
}

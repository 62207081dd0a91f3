package io.trackersuite.scanner.families;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.All;
import io.trackersuite.scanner.aws.AwsService;
import io.trackersuite.scanner.inventory.ResourceType;

/**
 * Every resource type of every family: the inventory (collectors), the cost estimate (pricers) and the actions
 * (rules) are looked up here. Types are listed in id order, the order of the API's lists.
 */
@ApplicationScoped
public class ResourceTypes {

    private final Map<ResourceType, ResourceKind> kinds = new LinkedHashMap<>();
    private final List<AwsService<?>> clients;

    public ResourceTypes(@All List<ResourceFamily> families) {
        Set<String> ids = new HashSet<>();
        families.stream().flatMap(f -> f.kinds().stream())
                .sorted(Comparator.comparing(k -> k.type().id()))
                .forEach(kind -> {
                    if (!ids.add(kind.type().id())) {
                        throw new IllegalStateException("resource type " + kind.type().id() + " declared twice");
                    }
                    kinds.put(kind.type(), kind);
                });
        this.clients = families.stream().flatMap(f -> f.clients().stream()).toList();
    }

    public List<ResourceType> all() {
        return List.copyOf(kinds.keySet());
    }

    /** By id ({@code ec2_instance}) or by the original tracker's name ({@code EC2_Instance}), in any case. */
    public Optional<ResourceType> parse(String name) {
        return name == null ? Optional.empty() : kinds.keySet().stream().filter(t -> t.isNamed(name)).findFirst();
    }

    public ResourceKind kind(ResourceType type) {
        ResourceKind kind = kinds.get(type);
        if (kind == null) {
            throw new IllegalArgumentException("no family declares " + type.id());
        }
        return kind;
    }

    /** The Resource Groups Tagging API type filters of every type that reads its tags from the tag index. */
    public List<String> taggingApiFilters() {
        return kinds.values().stream().flatMap(k -> k.taggingApiFilter().stream()).distinct().toList();
    }

    /** The SDK clients the families call. */
    public List<AwsService<?>> clients() {
        return clients;
    }
}

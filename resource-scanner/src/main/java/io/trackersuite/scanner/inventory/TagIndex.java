package io.trackersuite.scanner.inventory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

import io.trackersuite.scanner.aws.AwsAccess;

/**
 * The tags of a region's resources of the types that ask for it (Lambda functions, log groups, buckets, DynamoDB
 * tables, ElastiCache clusters, ECR repositories: those whose list calls carry no tags), read with the Resource
 * Groups Tagging API: a few pages of 100 instead of one tag call per resource. Read once per scan and
 * region on first use. The API lists only resources that carry tags, so a listed type's missing resource is
 * untagged; but where it lists nothing at all of a service's type (denied or missing, or an AWS-compatible endpoint
 * or a restricted account that covers only some types) the collectors fall back to that service's own tag call.
 */
public final class TagIndex {

    private static final Logger LOG = Logger.getLogger(TagIndex.class);

    private final AwsAccess aws;
    /** The tagging API's names of the types whose collectors read tags from this index. */
    private final List<String> typeFilters;
    private final Map<String, Optional<Index>> byRegion = new ConcurrentHashMap<>();

    /** One region's tags by ARN, and the services (ARN's third field) the tagging API listed anything of. */
    private record Index(Map<String, Map<String, String>> tagsByArn, Set<String> servicesListed) {
    }

    public TagIndex(AwsAccess aws, List<String> typeFilters) {
        this.aws = aws;
        this.typeFilters = typeFilters;
    }

    /**
     * Tags by ARN (empty when the resource has none); an empty Optional when the index cannot tell: unavailable, or
     * it listed nothing of the resource's service, so the collector asks the service itself.
     */
    public Optional<Map<String, String>> tags(String region, String arn) {
        return byRegion.computeIfAbsent(region, this::load)
                .filter(index -> index.tagsByArn().containsKey(arn) || index.servicesListed().contains(service(arn)))
                .map(index -> index.tagsByArn().getOrDefault(arn, Map.of()));
    }

    private Optional<Index> load(String region) {
        try {
            Map<String, Map<String, String>> index = new HashMap<>();
            aws.client(ResourceGroupsTaggingApiClient.class, region)
                    .getResourcesPaginator(r -> r.resourceTypeFilters(typeFilters).resourcesPerPage(100))
                    .resourceTagMappingList()
                    .forEach(m -> index.put(m.resourceARN(), Tags.of(m.tags(), t -> t.key(), t -> t.value())));
            Set<String> services = new HashSet<>();
            index.keySet().forEach(arn -> services.add(service(arn)));
            return Optional.of(new Index(index, services));
        } catch (SdkException e) {
            LOG.debugf("tagging API unavailable in %s (%s); reading tags per resource", region, e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code arn:partition:service:region:account:resource} → service. */
    private static String service(String arn) {
        String[] parts = arn.split(":", 4);
        return parts.length > 2 ? parts[2] : "";
    }
}

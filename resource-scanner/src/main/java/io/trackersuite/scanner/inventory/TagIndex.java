package io.trackersuite.scanner.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

import io.trackersuite.scanner.aws.AwsAccess;

/**
 * The tags of a region's Lambda functions, log groups, buckets, DynamoDB tables and ElastiCache clusters, read with
 * the Resource Groups Tagging API: a few pages of 100 instead of one tag call per resource. Read once per scan and
 * region on first use. Where that API is denied or missing (some AWS-compatible endpoints), collectors fall back to
 * each service's own tag call.
 */
public final class TagIndex {

    private static final Logger LOG = Logger.getLogger(TagIndex.class);
    static final String[] TYPES = { "lambda:function", "logs:log-group", "s3", "dynamodb:table", "elasticache:cluster" };

    private final AwsAccess aws;
    private final Map<String, Optional<Map<String, Map<String, String>>>> byRegion = new ConcurrentHashMap<>();

    public TagIndex(AwsAccess aws) {
        this.aws = aws;
    }

    /** Tags by ARN (empty when the resource has none); empty Optional when the index is unavailable. */
    public Optional<Map<String, String>> tags(String region, String arn) {
        return byRegion.computeIfAbsent(region, this::load).map(index -> index.getOrDefault(arn, Map.of()));
    }

    private Optional<Map<String, Map<String, String>>> load(String region) {
        try {
            Map<String, Map<String, String>> index = new HashMap<>();
            aws.client(ResourceGroupsTaggingApiClient.class, region)
                    .getResourcesPaginator(r -> r.resourceTypeFilters(TYPES).resourcesPerPage(100))
                    .resourceTagMappingList()
                    .forEach(m -> index.put(m.resourceARN(), Tags.of(m.tags(), t -> t.key(), t -> t.value())));
            return Optional.of(index);
        } catch (SdkException e) {
            LOG.debugf("tagging API unavailable in %s (%s); reading tags per resource", region, e.getMessage());
            return Optional.empty();
        }
    }
}

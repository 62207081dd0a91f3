package io.trackersuite.scanner.families;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

import io.trackersuite.scanner.aws.AwsService;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.inventory.Tags;
import io.trackersuite.scanner.pricing.Estimate;

/** ElastiCache clusters: node hours by node type. */
@ApplicationScoped
public class ElastiCacheFamily implements ResourceFamily {

    public static final ResourceType CLUSTER = ResourceType.regional("elasticache_cluster", "ElastiCache_Cluster",
            "elasticache");

    @Override
    public List<AwsService<?>> clients() {
        return List.of(AwsService.of(ElastiCacheClient.class, ElastiCacheClient::builder));
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(ResourceKind.of(CLUSTER, this::clusters, (r, prices) -> prices
                .amount("elasticache_hourly", r.text("node_type"))
                .map(hourly -> Estimate.hourly(prices, hourly.multiply(r.number("nodes").max(BigDecimal.ONE)),
                        "node hours"))
                .orElseGet(() -> Estimate.unknown("node type " + r.text("node_type") + " not in the price catalogue")))
                .taggedVia("elasticache:cluster"));
    }

    private void clusters(CollectContext ctx) {
        ElastiCacheClient cache = ctx.client(ElastiCacheClient.class);
        cache.describeCacheClustersPaginator(r -> r.maxRecords(100)).cacheClusters().forEach(c -> ctx.foundWithTags(
                c.arn(),
                () -> Tags.of(cache.listTagsForResource(r -> r.resourceName(c.arn())).tagList(), t -> t.key(),
                        t -> t.value()),
                tags -> CloudResource.builder(CLUSTER, ctx.region(), c.cacheClusterId())
                        .arn(c.arn())
                        .name(c.cacheClusterId())
                        .state(c.cacheClusterStatus())
                        .createdAt(c.cacheClusterCreateTime())
                        .tags(tags)
                        .meta("node_type", c.cacheNodeType())
                        .meta("engine", c.engine())
                        .meta("engine_version", c.engineVersion())
                        .meta("nodes", c.numCacheNodes())
                        .build()));
    }
}

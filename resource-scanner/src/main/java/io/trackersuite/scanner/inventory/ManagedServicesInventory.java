package io.trackersuite.scanner.inventory;

import static io.trackersuite.scanner.inventory.ResourceType.DYNAMODB_TABLE;
import static io.trackersuite.scanner.inventory.ResourceType.ECS_CLUSTER;
import static io.trackersuite.scanner.inventory.ResourceType.EKS_CLUSTER;
import static io.trackersuite.scanner.inventory.ResourceType.ELASTICACHE_CLUSTER;
import static io.trackersuite.scanner.inventory.ResourceType.LAMBDA_FUNCTION;
import static io.trackersuite.scanner.inventory.ResourceType.LOG_GROUP;
import static io.trackersuite.scanner.inventory.ResourceType.RDS_INSTANCE;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.rds.RdsClient;

/** Managed services: RDS, Lambda, CloudWatch Logs, DynamoDB, ECS, EKS and ElastiCache. */
@ApplicationScoped
public class ManagedServicesInventory {

    /** Lambda's own timestamp format, e.g. 2024-01-31T10:00:00.000+0000. */
    private static final DateTimeFormatter LAMBDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    void rdsInstances(CollectContext ctx) {
        ctx.client(RdsClient.class).describeDBInstancesPaginator(r -> r.maxRecords(100)).dbInstances()
                .forEach(db -> ctx.found(CloudResource.builder(RDS_INSTANCE, ctx.region(), db.dbInstanceIdentifier())
                        .arn(db.dbInstanceArn())
                        .name(db.dbInstanceIdentifier())
                        .state(db.dbInstanceStatus())
                        .createdAt(db.instanceCreateTime())
                        .tags(Tags.of(db.tagList(), t -> t.key(), t -> t.value()))
                        .meta("instance_class", db.dbInstanceClass())
                        .meta("engine", db.engine())
                        .meta("engine_version", db.engineVersion())
                        .meta("allocated_storage_gb", db.allocatedStorage())
                        .meta("storage_type", db.storageType())
                        .meta("multi_az", db.multiAZ())
                        .meta("deletion_protection", db.deletionProtection())
                        .meta("availability_zone", db.availabilityZone())
                        .build()));
    }

    /** ListFunctions carries no tags: they come from the tag index, or a ListTags call per function without one. */
    void lambdaFunctions(CollectContext ctx) {
        LambdaClient lambda = ctx.client(LambdaClient.class);
        lambda.listFunctionsPaginator(r -> r.maxItems(50)).functions().forEach(f -> withTags(ctx, f.functionArn(),
                () -> lambda.listTags(r -> r.resource(f.functionArn())).tags(),
                tags -> CloudResource.builder(LAMBDA_FUNCTION, ctx.region(), f.functionName())
                        .arn(f.functionArn())
                        .name(f.functionName())
                        .state(f.stateAsString() != null ? f.stateAsString() : "active")
                        .tags(tags)
                        .meta("runtime", f.runtimeAsString())
                        .meta("memory_mb", f.memorySize())
                        .meta("timeout_s", f.timeout())
                        .meta("code_size_bytes", f.codeSize())
                        .meta("last_modified", lambdaTime(f.lastModified()))
                        .meta("architectures", f.architecturesAsStrings())
                        .build()));
    }

    void logGroups(CollectContext ctx) {
        CloudWatchLogsClient logs = ctx.client(CloudWatchLogsClient.class);
        logs.describeLogGroupsPaginator(r -> r.limit(50)).logGroups().forEach(g -> {
            // logGroupArn is the ARN without the trailing ":*" that the tagging APIs want
            String arn = g.logGroupArn() != null ? g.logGroupArn() : g.arn().replaceAll(":\\*$", "");
            withTags(ctx, arn, () -> logs.listTagsForResource(r -> r.resourceArn(arn)).tags(),
                    tags -> CloudResource.builder(LOG_GROUP, ctx.region(), g.logGroupName())
                            .arn(arn)
                            .name(g.logGroupName())
                            .state("available")
                            .createdAt(g.creationTime() == null ? null : Instant.ofEpochMilli(g.creationTime()))
                            .tags(tags)
                            .meta("stored_bytes", g.storedBytes())
                            .meta("retention_days", g.retentionInDays())
                            .meta("log_group_class", g.logGroupClassAsString())
                            .build());
        });
    }

    /** ListTables gives names only: each table is described, and its tags read, in a detail task. */
    void dynamoDbTables(CollectContext ctx) {
        DynamoDbClient dynamo = ctx.client(DynamoDbClient.class);
        dynamo.listTablesPaginator(r -> r.limit(100)).tableNames().forEach(name -> ctx.fork(() -> {
            TableDescription t = dynamo.describeTable(r -> r.tableName(name)).table();
            boolean onDemand = t.billingModeSummary() != null
                    && "PAY_PER_REQUEST".equals(t.billingModeSummary().billingModeAsString());
            ctx.found(CloudResource.builder(DYNAMODB_TABLE, ctx.region(), t.tableName())
                    .arn(t.tableArn())
                    .name(t.tableName())
                    .state(t.tableStatusAsString())
                    .createdAt(t.creationDateTime())
                    .tags(ctx.indexedTags(ctx.region(), t.tableArn()).orElseGet(() -> dynamoTags(dynamo, t.tableArn())))
                    .meta("billing_mode", onDemand ? "PAY_PER_REQUEST" : "PROVISIONED")
                    .meta("read_capacity_units", onDemand ? null : t.provisionedThroughput().readCapacityUnits())
                    .meta("write_capacity_units", onDemand ? null : t.provisionedThroughput().writeCapacityUnits())
                    .meta("size_bytes", t.tableSizeBytes())
                    .meta("item_count", t.itemCount())
                    .build());
        }));
    }

    /** DescribeClusters takes 100 clusters per call and returns their tags. */
    void ecsClusters(CollectContext ctx) {
        EcsClient ecs = ctx.client(EcsClient.class);
        List<String> arns = new ArrayList<>();
        ecs.listClustersPaginator(r -> r.maxResults(100)).clusterArns().forEach(arns::add);
        for (int from = 0; from < arns.size(); from += 100) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + 100));
            ctx.fork(() -> ecs.describeClusters(r -> r.clusters(batch).include(ClusterField.TAGS)).clusters()
                    .forEach(c -> ctx.found(CloudResource.builder(ECS_CLUSTER, ctx.region(), c.clusterName())
                            .arn(c.clusterArn())
                            .name(c.clusterName())
                            .state(c.status())
                            .tags(Tags.of(c.tags(), t -> t.key(), t -> t.value()))
                            .meta("running_tasks", c.runningTasksCount())
                            .meta("active_services", c.activeServicesCount())
                            .meta("container_instances", c.registeredContainerInstancesCount())
                            .build())));
        }
    }

    void eksClusters(CollectContext ctx) {
        EksClient eks = ctx.client(EksClient.class);
        eks.listClustersPaginator(r -> r.maxResults(100)).clusters().forEach(name -> ctx.fork(() -> {
            Cluster c = eks.describeCluster(r -> r.name(name)).cluster();
            ctx.found(CloudResource.builder(EKS_CLUSTER, ctx.region(), c.name())
                    .arn(c.arn())
                    .name(c.name())
                    .state(c.statusAsString())
                    .createdAt(c.createdAt())
                    .tags(c.tags())
                    .meta("kubernetes_version", c.version())
                    .meta("platform_version", c.platformVersion())
                    .build());
        }));
    }

    void elastiCacheClusters(CollectContext ctx) {
        ElastiCacheClient cache = ctx.client(ElastiCacheClient.class);
        cache.describeCacheClustersPaginator(r -> r.maxRecords(100)).cacheClusters().forEach(c -> withTags(ctx, c.arn(),
                () -> Tags.of(cache.listTagsForResource(r -> r.resourceName(c.arn())).tagList(), t -> t.key(),
                        t -> t.value()),
                tags -> CloudResource.builder(ELASTICACHE_CLUSTER, ctx.region(), c.cacheClusterId())
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

    /**
     * Finds a resource with its tags from the region's tag index, or, without one, in a detail task that asks the
     * service for them.
     */
    static void withTags(CollectContext ctx, String arn, Supplier<Map<String, String>> askService,
            Function<Map<String, String>, CloudResource> build) {
        Optional<Map<String, String>> indexed = ctx.indexedTags(ctx.region(), arn);
        if (indexed.isPresent()) {
            ctx.found(build.apply(indexed.get()));
        } else {
            ctx.fork(() -> ctx.found(build.apply(askService.get())));
        }
    }

    /** ListTagsOfResource pages with a token but has no SDK paginator. */
    private static Map<String, String> dynamoTags(DynamoDbClient dynamo, String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        String token = null;
        do {
            String from = token;
            ListTagsOfResourceResponse page = dynamo.listTagsOfResource(r -> r.resourceArn(arn).nextToken(from));
            tags.putAll(Tags.of(page.tags(), tag -> tag.key(), tag -> tag.value()));
            token = page.nextToken();
        } while (token != null);
        return tags;
    }

    private static String lambdaTime(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value, LAMBDA_TIME).toInstant().toString();
        } catch (DateTimeParseException e) {
            return value;
        }
    }
}

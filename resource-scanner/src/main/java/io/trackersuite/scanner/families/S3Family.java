package io.trackersuite.scanner.families;

import static io.trackersuite.scanner.actions.Action.DELETE;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

import io.trackersuite.scanner.actions.ActionRules;
import io.trackersuite.scanner.actions.ActionRules.Current;
import io.trackersuite.scanner.aws.AwsAccess;
import io.trackersuite.scanner.aws.AwsService;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.inventory.Tags;
import io.trackersuite.scanner.pricing.Estimate;
import io.trackersuite.scanner.pricing.PriceCatalogue;

/**
 * S3 buckets: one account-wide list, then per region one batched CloudWatch read of the daily storage metrics (S3
 * publishes size and object count only there) and per bucket its tags. Priced by stored GB per storage class;
 * deleted only when empty (S3 refuses otherwise, and objects are not ours to throw away).
 */
@ApplicationScoped
public class S3Family implements ResourceFamily {

    public static final ResourceType BUCKET = ResourceType.accountWide("s3_bucket", "S3_Bucket", "s3");

    /** Storage metrics S3 publishes per bucket, by the storage class our price catalogue knows them as. */
    private static final Map<String, String> STORAGE_TYPES = Map.of(
            "StandardStorage", "STANDARD",
            "StandardIAStorage", "STANDARD_IA",
            "GlacierStorage", "GLACIER");

    /** GetMetricData takes at most 500 queries: four per bucket. */
    private static final int BUCKETS_PER_METRICS_CALL = 500 / (STORAGE_TYPES.size() + 1);

    @Override
    public List<AwsService<?>> clients() {
        return List.of(AwsService.of(S3Client.class, () -> S3Client.builder().forcePathStyle(true)),
                AwsService.of(CloudWatchClient.class, CloudWatchClient::builder));
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(ResourceKind.of(BUCKET, this::buckets, S3Family::price).taggedVia("s3").actions(
                ActionRules.forIds("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", "my-bucket")
                        .readWith(S3Family::bucketForAction)
                        .performWith((aws, region, id, action, dryRun) -> aws.client(S3Client.class, region)
                                .deleteBucket(r -> r.bucket(id)))
                        .allow(DELETE, Set.of("empty"), Set.of(), Set.of())));
    }

    private void buckets(CollectContext ctx) {
        S3Client s3 = ctx.client(S3Client.class);
        Map<String, List<Bucket>> byRegion = new HashMap<>();
        for (Bucket bucket : s3.listBucketsPaginator(r -> r.maxBuckets(1000)).buckets()) {
            // BucketRegion is in every ListBuckets answer of AWS since 2024; older compatible endpoints omit it
            String region = bucket.bucketRegion() != null ? bucket.bucketRegion() : location(s3, bucket.name());
            if (ctx.scannedRegions().contains(region)) {
                byRegion.computeIfAbsent(region, r -> new ArrayList<>()).add(bucket);
            }
        }
        byRegion.forEach((region, buckets) -> {
            for (int from = 0; from < buckets.size(); from += BUCKETS_PER_METRICS_CALL) {
                List<Bucket> batch = buckets.subList(from, Math.min(buckets.size(), from + BUCKETS_PER_METRICS_CALL));
                ctx.fork(region, () -> {
                    Map<String, Map<String, Double>> metrics = storageMetrics(ctx.client(CloudWatchClient.class, region),
                            batch);
                    batch.forEach(bucket -> {
                        Optional<Map<String, String>> tags = ctx.indexedTags(region, "arn:aws:s3:::" + bucket.name());
                        if (tags.isPresent()) {
                            ctx.found(bucket(region, bucket, metrics.get(bucket.name()), tags.get()));
                        } else {
                            ctx.fork(region, () -> ctx.found(bucket(region, bucket, metrics.get(bucket.name()),
                                    tags(s3, bucket.name()))));
                        }
                    });
                });
            }
        });
    }

    private static CloudResource bucket(String region, Bucket bucket, Map<String, Double> metrics,
            Map<String, String> tags) {
        Map<String, Double> m = metrics == null ? Map.of() : metrics;
        Map<String, Long> bytesByClass = new HashMap<>();
        STORAGE_TYPES.forEach((metric, storageClass) -> {
            Double bytes = m.get(metric);
            if (bytes != null && bytes > 0) {
                bytesByClass.put(storageClass, bytes.longValue());
            }
        });
        return CloudResource.builder(BUCKET, region, bucket.name())
                .arn("arn:aws:s3:::" + bucket.name())
                .name(bucket.name())
                .state("available")
                .createdAt(bucket.creationDate())
                .tags(tags)
                .meta("size_bytes", bytesByClass.values().stream().mapToLong(Long::longValue).sum())
                .meta("bytes_by_storage_class", bytesByClass)
                .meta("object_count", m.containsKey("NumberOfObjects") ? m.get("NumberOfObjects").longValue() : null)
                .meta("metrics", metrics == null ? "no storage metrics (new or empty bucket)" : null)
                .build();
    }

    private static String location(S3Client s3, String bucket) {
        String constraint = s3.getBucketLocation(r -> r.bucket(bucket)).locationConstraintAsString();
        // the API's legacy spellings: no constraint is us-east-1, "EU" is eu-west-1
        if (constraint == null || constraint.isEmpty()) {
            return "us-east-1";
        }
        return "EU".equals(constraint) ? "eu-west-1" : constraint;
    }

    private static Map<String, String> tags(S3Client s3, String bucket) {
        try {
            return Tags.of(s3.getBucketTagging(r -> r.bucket(bucket)).tagSet(), t -> t.key(), t -> t.value());
        } catch (AwsServiceException e) {
            if ("NoSuchTagSet".equals(e.awsErrorDetails().errorCode())) {
                return Map.of(); // S3 answers an untagged bucket with an error
            }
            throw e;
        }
    }

    /** Latest daily datapoints of the last three days, per bucket: bytes per storage type and the object count. */
    private static Map<String, Map<String, Double>> storageMetrics(CloudWatchClient cloudWatch, List<Bucket> buckets) {
        List<MetricDataQuery> queries = new ArrayList<>();
        Map<String, String[]> queryTargets = new HashMap<>();
        for (int i = 0; i < buckets.size(); i++) {
            String bucket = buckets.get(i).name();
            List<String> metricStorage = new ArrayList<>(STORAGE_TYPES.keySet());
            metricStorage.add("AllStorageTypes");
            for (int j = 0; j < metricStorage.size(); j++) {
                String storageType = metricStorage.get(j);
                String metric = "AllStorageTypes".equals(storageType) ? "NumberOfObjects" : "BucketSizeBytes";
                String id = "b" + i + "m" + j;
                queryTargets.put(id, new String[] { bucket, "NumberOfObjects".equals(metric) ? metric : storageType });
                queries.add(MetricDataQuery.builder().id(id).returnData(true)
                        .metricStat(s -> s.period(86_400).stat("Average").metric(mt -> mt.namespace("AWS/S3")
                                .metricName(metric)
                                .dimensions(d -> d.name("BucketName").value(bucket),
                                        d -> d.name("StorageType").value(storageType))))
                        .build());
            }
        }
        Instant end = Instant.now();
        Map<String, Map<String, Double>> byBucket = new HashMap<>();
        cloudWatch.getMetricDataPaginator(r -> r.metricDataQueries(queries).startTime(end.minus(Duration.ofDays(3)))
                .endTime(end)).metricDataResults().forEach(result -> latest(result).ifPresent(value -> {
                    String[] target = queryTargets.get(result.id());
                    if (target != null) {
                        byBucket.computeIfAbsent(target[0], b -> new HashMap<>()).put(target[1], value);
                    }
                }));
        return byBucket;
    }

    private static Optional<Double> latest(MetricDataResult result) {
        if (result.values().isEmpty()) {
            return Optional.empty();
        }
        // results come newest first (the default ScanBy TimestampDescending)
        return Optional.of(result.values().get(0));
    }

    @SuppressWarnings("unchecked")
    private static Estimate price(CloudResource r, PriceCatalogue prices) {
        BigDecimal cost = BigDecimal.ZERO;
        if (r.metadata().get("bytes_by_storage_class") instanceof Map<?, ?> byClass) {
            for (Map.Entry<String, Long> e : ((Map<String, Long>) byClass).entrySet()) {
                BigDecimal perGb = prices.amount("s3_gb_month", e.getKey()).orElse(null);
                if (perGb != null) {
                    cost = cost.add(Estimate.bytesAsGb(BigDecimal.valueOf(e.getValue())).multiply(perGb));
                }
            }
        }
        return Estimate.of(cost, "stored GB by storage class (daily CloudWatch metric); requests and transfer are usage-based");
    }

    /** A bucket's state for actions: "empty" or "not-empty" (S3 refuses to delete a bucket with objects). */
    private static Optional<Current> bucketForAction(AwsAccess aws, String region, String name) {
        S3Client s3 = aws.client(S3Client.class, region);
        return ActionRules.absentOn("NoSuchBucket", () -> {
            // every object, current or not, shows up as a version (versioning on or never enabled)
            var versions = s3.listObjectVersions(r -> r.bucket(name).maxKeys(1));
            boolean empty = versions.versions().isEmpty() && versions.deleteMarkers().isEmpty();
            return Optional.of(new Current(empty ? "empty" : "not-empty", tags(s3, name)));
        });
    }
}

package io.trackersuite.scanner.families;

import static io.trackersuite.scanner.actions.Action.DELETE;
import static io.trackersuite.scanner.actions.Action.START;
import static io.trackersuite.scanner.actions.Action.STOP;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.rds.RdsClient;

import io.trackersuite.scanner.actions.ActionRules;
import io.trackersuite.scanner.actions.ActionRules.Current;
import io.trackersuite.scanner.aws.AwsService;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.inventory.Tags;
import io.trackersuite.scanner.pricing.Estimate;
import io.trackersuite.scanner.pricing.PriceCatalogue;

/** RDS database instances: instance hours and allocated storage; stop, start, and delete with a final snapshot. */
@ApplicationScoped
public class RdsFamily implements ResourceFamily {

    public static final ResourceType INSTANCE = ResourceType.regional("rds_instance", "RDS_Instance", "rds");

    private static final DateTimeFormatter SNAPSHOT_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    @Override
    public List<AwsService<?>> clients() {
        return List.of(AwsService.of(RdsClient.class, RdsClient::builder));
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(ResourceKind.of(INSTANCE, this::instances, RdsFamily::price).actions(
                ActionRules.forIds("[a-zA-Z][a-zA-Z0-9-]{0,62}", "my-database")
                        .readWith((aws, region, id) -> ActionRules.absentOn("DBInstanceNotFound", () -> aws
                                .client(RdsClient.class, region).describeDBInstances(r -> r.dbInstanceIdentifier(id))
                                .dbInstances().stream().findFirst().map(db -> new Current(db.dbInstanceStatus(),
                                        Tags.of(db.tagList(), t -> t.key(), t -> t.value())))))
                        .performWith((aws, region, id, action, dryRun) -> {
                            RdsClient rds = aws.client(RdsClient.class, region);
                            switch (action) {
                                case STOP -> rds.stopDBInstance(r -> r.dbInstanceIdentifier(id));
                                case START -> rds.startDBInstance(r -> r.dbInstanceIdentifier(id));
                                // a deleted database keeps a final snapshot: deleting is reversible, at snapshot cost
                                case DELETE -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier(id)
                                        .skipFinalSnapshot(false).finalDBSnapshotIdentifier(finalSnapshotName(id)));
                            }
                        })
                        .allow(STOP, Set.of("available"), Set.of("stopped"), Set.of("stopping"))
                        .allow(START, Set.of("stopped"), Set.of("available"), Set.of("starting"))
                        .allow(DELETE, Set.of("available", "stopped"), Set.of(), Set.of("deleting"))));
    }

    private void instances(CollectContext ctx) {
        ctx.client(RdsClient.class).describeDBInstancesPaginator(r -> r.maxRecords(100)).dbInstances()
                .forEach(db -> ctx.found(CloudResource.builder(INSTANCE, ctx.region(), db.dbInstanceIdentifier())
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

    /** Instance hours (doubled for Multi-AZ) while it runs, and its storage always; licensed engines are not priced. */
    private static Estimate price(CloudResource r, PriceCatalogue prices) {
        BigDecimal storagePerGb = prices.amount("rds_storage_gb_month", r.text("storage_type"))
                .orElseGet(() -> prices.amount("rds_storage_gb_month", "gp2").orElseThrow());
        boolean multiAz = Boolean.TRUE.equals(r.metadata().get("multi_az"));
        BigDecimal copies = multiAz ? BigDecimal.valueOf(2) : BigDecimal.ONE;
        BigDecimal storage = storagePerGb.multiply(r.number("allocated_storage_gb")).multiply(copies);
        if (!r.inState("available", "backing-up", "modifying", "starting", "creating")) {
            return Estimate.of(storage, "storage only in state " + r.state());
        }
        BigDecimal hourly = prices.name("rds_engine_price_list", r.text("engine"))
                .flatMap(list -> prices.amount("rds_hourly", list, r.text("instance_class"))).orElse(null);
        if (hourly == null) {
            return Estimate.unknown("engine " + r.text("engine") + " class " + r.text("instance_class")
                    + " not in the price catalogue (licensed engines are not priced)");
        }
        BigDecimal compute = hourly.multiply(BigDecimal.valueOf(prices.hoursPerMonth())).multiply(copies);
        return Estimate.of(compute.add(storage),
                "instance hours" + (multiAz ? " (Multi-AZ, doubled)" : "") + " and allocated storage");
    }

    private static String finalSnapshotName(String id) {
        String suffix = "-final-" + SNAPSHOT_SUFFIX.format(Instant.now());
        return id.substring(0, Math.min(id.length(), 255 - suffix.length())) + suffix;
    }
}

package io.trackersuite.scanner.actions;

import static io.trackersuite.scanner.actions.Action.DELETE;
import static io.trackersuite.scanner.actions.Action.START;
import static io.trackersuite.scanner.actions.Action.STOP;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.s3.S3Client;

import io.trackersuite.scanner.aws.AwsAccess;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.inventory.Tags;

/**
 * Per resource type: which actions exist, what an id looks like, how to read the current state and tags, which
 * states allow an action, how to carry it out (with the EC2 API's own DryRun where there is one), and which states
 * after it count as done or on the way.
 */
@ApplicationScoped
public class ActionTargets {

    /** A resource as an action sees it; {@code state} "absent" never occurs, absence is an empty read. */
    public record Current(String state, Map<String, String> tags) {
    }

    /** Reads the resource; empty when it does not exist (or no longer does). */
    interface Reader {
        Optional<Current> read(AwsAccess aws, String region, String id);
    }

    interface Performer {
        void perform(AwsAccess aws, String region, String id, Action action, boolean dryRun);
    }

    /**
     * @param allowedStates per action, the states it may start from (empty: any)
     * @param doneStates per action, states meaning done; for delete, absence is done too
     * @param onTheWay per action, transitional states meaning AWS accepted and is working
     */
    public record Target(Pattern idFormat, String idHint, Reader reader, Performer performer, boolean apiDryRun,
            Map<Action, Set<String>> allowedStates, Map<Action, Set<String>> doneStates,
            Map<Action, Set<String>> onTheWay) {

        public Set<Action> actions() {
            return allowedStates.keySet();
        }
    }

    private static final DateTimeFormatter SNAPSHOT_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final Map<ResourceType, Target> targets = new EnumMap<>(ResourceType.class);

    public ActionTargets() {
        targets.put(ResourceType.EC2_INSTANCE, new Target(Pattern.compile("i-[0-9a-f]{8,17}"), "i-0123456789abcdef0",
                (aws, region, id) -> ec2Instance(aws, region, id),
                (aws, region, id, action, dryRun) -> {
                    Ec2Client ec2 = aws.client(Ec2Client.class, region);
                    switch (action) {
                        case STOP -> ec2.stopInstances(r -> r.instanceIds(id).dryRun(dryRun));
                        case START -> ec2.startInstances(r -> r.instanceIds(id).dryRun(dryRun));
                        case DELETE -> ec2.terminateInstances(r -> r.instanceIds(id).dryRun(dryRun));
                    }
                }, true,
                Map.of(STOP, Set.of("running", "pending"), START, Set.of("stopped"),
                        DELETE, Set.of("running", "pending", "stopped", "stopping")),
                Map.of(STOP, Set.of("stopped"), START, Set.of("running"), DELETE, Set.of("terminated")),
                Map.of(STOP, Set.of("stopping"), START, Set.of("pending"), DELETE, Set.of("shutting-down"))));
        targets.put(ResourceType.EBS_VOLUME, new Target(Pattern.compile("vol-[0-9a-f]{8,17}"), "vol-0123456789abcdef0",
                (aws, region, id) -> ebsVolume(aws, region, id),
                (aws, region, id, action, dryRun) -> aws.client(Ec2Client.class, region)
                        .deleteVolume(r -> r.volumeId(id).dryRun(dryRun)), true,
                Map.of(DELETE, Set.of("available")), Map.of(DELETE, Set.of("deleted")),
                Map.of(DELETE, Set.of("deleting"))));
        targets.put(ResourceType.ELASTIC_IP, new Target(Pattern.compile("eipalloc-[0-9a-f]{8,17}"),
                "eipalloc-0123456789abcdef0", (aws, region, id) -> elasticIp(aws, region, id),
                (aws, region, id, action, dryRun) -> aws.client(Ec2Client.class, region)
                        .releaseAddress(r -> r.allocationId(id).dryRun(dryRun)), true,
                Map.of(DELETE, Set.of("unassociated")), Map.of(DELETE, Set.of()), Map.of(DELETE, Set.of())));
        targets.put(ResourceType.NAT_GATEWAY, new Target(Pattern.compile("nat-[0-9a-f]{8,17}"), "nat-0123456789abcdef0",
                (aws, region, id) -> natGateway(aws, region, id),
                (aws, region, id, action, dryRun) -> aws.client(Ec2Client.class, region)
                        .deleteNatGateway(r -> r.natGatewayId(id).dryRun(dryRun)), true,
                Map.of(DELETE, Set.of("available", "pending", "failed")), Map.of(DELETE, Set.of("deleted")),
                Map.of(DELETE, Set.of("deleting"))));
        targets.put(ResourceType.RDS_INSTANCE, new Target(Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,62}"), "my-database",
                (aws, region, id) -> rdsInstance(aws, region, id),
                (aws, region, id, action, dryRun) -> {
                    RdsClient rds = aws.client(RdsClient.class, region);
                    switch (action) {
                        case STOP -> rds.stopDBInstance(r -> r.dbInstanceIdentifier(id));
                        case START -> rds.startDBInstance(r -> r.dbInstanceIdentifier(id));
                        // a deleted database keeps a final snapshot: deleting is reversible, at snapshot cost
                        case DELETE -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier(id).skipFinalSnapshot(false)
                                .finalDBSnapshotIdentifier(finalSnapshotName(id)));
                    }
                }, false,
                Map.of(STOP, Set.of("available"), START, Set.of("stopped"), DELETE, Set.of("available", "stopped")),
                Map.of(STOP, Set.of("stopped"), START, Set.of("available"), DELETE, Set.of()),
                Map.of(STOP, Set.of("stopping"), START, Set.of("starting"), DELETE, Set.of("deleting"))));
        targets.put(ResourceType.LAMBDA_FUNCTION, new Target(Pattern.compile("[a-zA-Z0-9_-]{1,64}"), "my-function",
                (aws, region, id) -> lambdaFunction(aws, region, id),
                (aws, region, id, action, dryRun) -> aws.client(LambdaClient.class, region)
                        .deleteFunction(r -> r.functionName(id)), false,
                Map.of(DELETE, Set.of()), Map.of(DELETE, Set.of()), Map.of(DELETE, Set.of())));
        targets.put(ResourceType.LOAD_BALANCER, new Target(Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?"),
                "my-load-balancer", (aws, region, id) -> loadBalancer(aws, region, id).map(lb -> new Current(
                        lb.state() == null ? "active" : lb.state().codeAsString(),
                        tagsOfLoadBalancer(aws, region, lb.loadBalancerArn()))),
                (aws, region, id, action, dryRun) -> loadBalancer(aws, region, id).ifPresent(lb -> aws
                        .client(ElasticLoadBalancingV2Client.class, region)
                        .deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()))), false,
                Map.of(DELETE, Set.of()), Map.of(DELETE, Set.of()), Map.of(DELETE, Set.of())));
        targets.put(ResourceType.CLASSIC_LOAD_BALANCER, new Target(
                Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?"), "my-load-balancer",
                (aws, region, id) -> classicLoadBalancer(aws, region, id),
                (aws, region, id, action, dryRun) -> aws.client(ElasticLoadBalancingClient.class, region)
                        .deleteLoadBalancer(r -> r.loadBalancerName(id)), false,
                Map.of(DELETE, Set.of()), Map.of(DELETE, Set.of()), Map.of(DELETE, Set.of())));
        targets.put(ResourceType.LOG_GROUP, new Target(Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}"), "/aws/lambda/my-function",
                (aws, region, id) -> logGroup(aws, region, id),
                (aws, region, id, action, dryRun) -> aws.client(CloudWatchLogsClient.class, region)
                        .deleteLogGroup(r -> r.logGroupName(id)), false,
                Map.of(DELETE, Set.of()), Map.of(DELETE, Set.of()), Map.of(DELETE, Set.of())));
        targets.put(ResourceType.S3_BUCKET, new Target(Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"), "my-bucket",
                (aws, region, id) -> bucket(aws, region, id),
                (aws, region, id, action, dryRun) -> aws.client(S3Client.class, region).deleteBucket(r -> r.bucket(id)),
                false, Map.of(DELETE, Set.of("empty")), Map.of(DELETE, Set.of()), Map.of(DELETE, Set.of())));
    }

    public Optional<Target> of(ResourceType type) {
        return Optional.ofNullable(targets.get(type));
    }

    private static String finalSnapshotName(String id) {
        String suffix = "-final-" + SNAPSHOT_SUFFIX.format(Instant.now());
        return id.substring(0, Math.min(id.length(), 255 - suffix.length())) + suffix;
    }

    private static Optional<Current> ec2Instance(AwsAccess aws, String region, String id) {
        return notFoundAsEmpty("InvalidInstanceID.NotFound", () -> aws.client(Ec2Client.class, region)
                .describeInstances(r -> r.instanceIds(id)).reservations().stream()
                .flatMap(r -> r.instances().stream()).findFirst()
                .map((Instance i) -> new Current(i.state().nameAsString(), ec2Tags(i.tags()))));
    }

    private static Optional<Current> ebsVolume(AwsAccess aws, String region, String id) {
        return notFoundAsEmpty("InvalidVolume.NotFound", () -> aws.client(Ec2Client.class, region)
                .describeVolumes(r -> r.volumeIds(id)).volumes().stream().findFirst()
                .map((Volume v) -> new Current(v.stateAsString(), ec2Tags(v.tags()))));
    }

    private static Optional<Current> elasticIp(AwsAccess aws, String region, String id) {
        return notFoundAsEmpty("InvalidAllocationID.NotFound", () -> aws.client(Ec2Client.class, region)
                .describeAddresses(r -> r.allocationIds(id)).addresses().stream().findFirst()
                .map((Address a) -> new Current(a.associationId() == null ? "unassociated" : "associated",
                        ec2Tags(a.tags()))));
    }

    private static Optional<Current> natGateway(AwsAccess aws, String region, String id) {
        return notFoundAsEmpty("NatGatewayNotFound", () -> aws.client(Ec2Client.class, region)
                .describeNatGateways(r -> r.natGatewayIds(id)).natGateways().stream().findFirst()
                .map((NatGateway n) -> new Current(n.stateAsString(), ec2Tags(n.tags()))));
    }

    private static Optional<Current> rdsInstance(AwsAccess aws, String region, String id) {
        return notFoundAsEmpty("DBInstanceNotFound", () -> aws.client(RdsClient.class, region)
                .describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().stream().findFirst()
                .map((DBInstance db) -> new Current(db.dbInstanceStatus(), pairs(db.tagList(), t -> t.key(), t -> t.value()))));
    }

    private static Optional<Current> lambdaFunction(AwsAccess aws, String region, String id) {
        LambdaClient lambda = aws.client(LambdaClient.class, region);
        return notFoundAsEmpty("ResourceNotFoundException", () -> {
            FunctionConfiguration f = lambda.getFunction(r -> r.functionName(id)).configuration();
            return Optional.of(new Current(f.stateAsString() == null ? "active" : f.stateAsString().toLowerCase(),
                    lambda.listTags(r -> r.resource(f.functionArn())).tags()));
        });
    }

    private static Optional<LoadBalancer> loadBalancer(AwsAccess aws, String region, String name) {
        return notFoundAsEmpty("LoadBalancerNotFound", () -> aws.client(ElasticLoadBalancingV2Client.class, region)
                .describeLoadBalancers(r -> r.names(name)).loadBalancers().stream().findFirst());
    }

    private static Map<String, String> tagsOfLoadBalancer(AwsAccess aws, String region, String arn) {
        return aws.client(ElasticLoadBalancingV2Client.class, region).describeTags(r -> r.resourceArns(arn))
                .tagDescriptions().stream().findFirst()
                .map(d -> pairs(d.tags(), t -> t.key(), t -> t.value())).orElse(Map.of());
    }

    private static Optional<Current> classicLoadBalancer(AwsAccess aws, String region, String name) {
        ElasticLoadBalancingClient elb = aws.client(ElasticLoadBalancingClient.class, region);
        return notFoundAsEmpty("LoadBalancerNotFound", () -> elb.describeLoadBalancers(r -> r.loadBalancerNames(name))
                .loadBalancerDescriptions().stream().findFirst()
                .map(lb -> new Current("active", elb.describeTags(r -> r.loadBalancerNames(name)).tagDescriptions()
                        .stream().findFirst().map(d -> pairs(d.tags(), t -> t.key(), t -> t.value()))
                        .orElse(Map.of()))));
    }

    private static Optional<Current> logGroup(AwsAccess aws, String region, String name) {
        CloudWatchLogsClient logs = aws.client(CloudWatchLogsClient.class, region);
        Optional<LogGroup> group = logs.describeLogGroups(r -> r.logGroupNamePrefix(name)).logGroups().stream()
                .filter(g -> g.logGroupName().equals(name)).findFirst();
        return group.map(g -> {
            String arn = g.logGroupArn() != null ? g.logGroupArn() : g.arn().replaceAll(":\\*$", "");
            return new Current("available", logs.listTagsForResource(r -> r.resourceArn(arn)).tags());
        });
    }

    /** A bucket's state for actions: "empty" or "not-empty" (S3 refuses to delete a bucket with objects). */
    private static Optional<Current> bucket(AwsAccess aws, String region, String name) {
        S3Client s3 = aws.client(S3Client.class, region);
        return notFoundAsEmpty("NoSuchBucket", () -> {
            // every object, current or not, shows up as a version (versioning on or never enabled)
            var versions = s3.listObjectVersions(r -> r.bucket(name).maxKeys(1));
            boolean empty = versions.versions().isEmpty() && versions.deleteMarkers().isEmpty();
            Map<String, String> tags;
            try {
                tags = pairs(s3.getBucketTagging(r -> r.bucket(name)).tagSet(), t -> t.key(), t -> t.value());
            } catch (AwsServiceException e) {
                if (!"NoSuchTagSet".equals(e.awsErrorDetails().errorCode())) {
                    throw e;
                }
                tags = Map.of();
            }
            return Optional.of(new Current(empty ? "empty" : "not-empty", tags));
        });
    }

    private static <T> Optional<T> notFoundAsEmpty(String notFoundCode, Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && notFoundCode.equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Map<String, String> ec2Tags(List<software.amazon.awssdk.services.ec2.model.Tag> tags) {
        return pairs(tags, t -> t.key(), t -> t.value());
    }

    private static <T> Map<String, String> pairs(List<T> tags, Function<T, String> key, Function<T, String> value) {
        return Tags.of(tags, key, value);
    }
}

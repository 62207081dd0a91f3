package io.trackersuite.scanner.families;

import static io.trackersuite.scanner.actions.Action.DELETE;
import static io.trackersuite.scanner.actions.Action.START;
import static io.trackersuite.scanner.actions.Action.STOP;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

import io.trackersuite.scanner.actions.ActionRules;
import io.trackersuite.scanner.actions.ActionRules.Current;
import io.trackersuite.scanner.aws.AwsService;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.inventory.Tags;
import io.trackersuite.scanner.pricing.Estimate;
import io.trackersuite.scanner.pricing.PriceCatalogue;
import io.trackersuite.scanner.pricing.Pricer;

/** EC2 and its neighbours: instances, EBS volumes and snapshots, Elastic IPs, NAT gateways, VPCs, security groups. */
@ApplicationScoped
public class Ec2Family implements ResourceFamily {

    public static final ResourceType INSTANCE = ResourceType.regional("ec2_instance", "EC2_Instance", "ec2");
    public static final ResourceType VOLUME = ResourceType.regional("ebs_volume", "EBS_Volume", "ec2");
    public static final ResourceType SNAPSHOT = ResourceType.regional("ebs_snapshot", "EBS_Snapshot", "ec2");
    public static final ResourceType ELASTIC_IP = ResourceType.regional("elastic_ip", "Elastic_IP", "ec2");
    public static final ResourceType NAT_GATEWAY = ResourceType.regional("nat_gateway", "NAT_Gateway", "ec2");
    public static final ResourceType VPC = ResourceType.regional("vpc", "VPC", "ec2");
    public static final ResourceType SECURITY_GROUP = ResourceType.regional("security_group", "Security_Group", "ec2");

    private static final String NO_CHARGE = "no charge for the resource itself";

    @Override
    public List<AwsService<?>> clients() {
        return List.of(AwsService.of(Ec2Client.class, Ec2Client::builder));
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(
                ResourceKind.of(INSTANCE, this::instances, Ec2Family::instancePrice).actions(instanceActions()),
                ResourceKind.of(VOLUME, this::volumes, Ec2Family::volumePrice).actions(volumeActions()),
                ResourceKind.of(SNAPSHOT, this::snapshots, (r, prices) -> Estimate.of(
                        r.number("volume_size_gb").multiply(prices.amount("snapshot_gb_month",
                                "archive".equals(r.text("storage_tier")) ? "archive" : "standard").orElseThrow()),
                        "snapshot storage, upper bound: full volume size (incremental blocks are not visible)")),
                ResourceKind.of(ELASTIC_IP, this::addresses, (r, prices) -> Estimate.hourly(prices,
                        prices.amount("public_ipv4_hourly"),
                        "public IPv4 address hours (charged since 2024 whether attached or idle)"))
                        .actions(addressActions()),
                ResourceKind.of(NAT_GATEWAY, this::natGateways, (r, prices) -> r.inState("available", "pending")
                        ? Estimate.hourly(prices, prices.amount("nat_gateway_hourly"),
                                "NAT gateway hours; data processed is usage-based")
                        : Estimate.free("not billed in state " + r.state())).actions(natGatewayActions()),
                ResourceKind.of(VPC, this::vpcs, Pricer.free(NO_CHARGE)),
                ResourceKind.of(SECURITY_GROUP, this::securityGroups, Pricer.free(NO_CHARGE)));
    }

    // ---- inventory -----------------------------------------------------------------------------------------------

    private void instances(CollectContext ctx) {
        ctx.client(Ec2Client.class).describeInstancesPaginator(r -> r.maxResults(1000)).reservations()
                .forEach(reservation -> reservation.instances().forEach(i -> ctx.found(
                        CloudResource.builder(INSTANCE, ctx.region(), i.instanceId())
                                .arn(arn(ctx, reservation.ownerId(), "instance/" + i.instanceId()))
                                .state(i.state() == null ? null : i.state().nameAsString())
                                .createdAt(i.launchTime())
                                .tags(tags(i.tags()))
                                .meta("instance_type", i.instanceTypeAsString())
                                .meta("availability_zone", i.placement() == null ? null : i.placement().availabilityZone())
                                .meta("vpc_id", i.vpcId())
                                .meta("private_ip", i.privateIpAddress())
                                .meta("public_ip", i.publicIpAddress())
                                .meta("platform", i.platformDetails())
                                .build())));
    }

    private void volumes(CollectContext ctx) {
        ctx.client(Ec2Client.class).describeVolumesPaginator(r -> r.maxResults(500)).volumes()
                .forEach(v -> ctx.found(CloudResource.builder(VOLUME, ctx.region(), v.volumeId())
                        .arn(arn(ctx, null, "volume/" + v.volumeId()))
                        .state(v.stateAsString())
                        .createdAt(v.createTime())
                        .tags(tags(v.tags()))
                        .meta("volume_type", v.volumeTypeAsString())
                        .meta("size_gb", v.size())
                        .meta("iops", v.iops())
                        .meta("throughput", v.throughput())
                        .meta("encrypted", v.encrypted())
                        .meta("availability_zone", v.availabilityZone())
                        .meta("attached_to", v.attachments().isEmpty() ? null : v.attachments().get(0).instanceId())
                        .build()));
    }

    private void snapshots(CollectContext ctx) {
        ctx.client(Ec2Client.class).describeSnapshotsPaginator(r -> r.ownerIds("self").maxResults(1000)).snapshots()
                .forEach(s -> ctx.found(CloudResource.builder(SNAPSHOT, ctx.region(), s.snapshotId())
                        .arn("arn:aws:ec2:" + ctx.region() + "::snapshot/" + s.snapshotId())
                        .state(s.stateAsString())
                        .createdAt(s.startTime())
                        .tags(tags(s.tags()))
                        .meta("volume_id", s.volumeId())
                        .meta("volume_size_gb", s.volumeSize())
                        .meta("storage_tier", s.storageTierAsString())
                        .meta("description", s.description())
                        .build()));
    }

    /** Not paginated by the API: one call returns every address of the region. */
    private void addresses(CollectContext ctx) {
        ctx.client(Ec2Client.class).describeAddresses().addresses().forEach(a -> {
            String id = a.allocationId() != null ? a.allocationId() : a.publicIp();
            ctx.found(CloudResource.builder(ELASTIC_IP, ctx.region(), id)
                    .arn(arn(ctx, null, "elastic-ip/" + id))
                    .name(a.publicIp())
                    .state(a.associationId() == null ? "unassociated" : "associated")
                    .tags(tags(a.tags()))
                    .meta("public_ip", a.publicIp())
                    .meta("association_id", a.associationId())
                    .meta("instance_id", a.instanceId())
                    .meta("network_interface_id", a.networkInterfaceId())
                    .meta("domain", a.domainAsString())
                    .build());
        });
    }

    private void natGateways(CollectContext ctx) {
        ctx.client(Ec2Client.class).describeNatGatewaysPaginator(r -> r.maxResults(1000)).natGateways()
                .forEach(n -> ctx.found(CloudResource.builder(NAT_GATEWAY, ctx.region(), n.natGatewayId())
                        .arn(arn(ctx, null, "natgateway/" + n.natGatewayId()))
                        .state(n.stateAsString())
                        .createdAt(n.createTime())
                        .tags(tags(n.tags()))
                        .meta("vpc_id", n.vpcId())
                        .meta("subnet_id", n.subnetId())
                        .meta("connectivity_type", n.connectivityTypeAsString())
                        .build()));
    }

    private void vpcs(CollectContext ctx) {
        ctx.client(Ec2Client.class).describeVpcsPaginator(r -> r.maxResults(1000)).vpcs()
                .forEach(v -> ctx.found(CloudResource.builder(VPC, ctx.region(), v.vpcId())
                        .arn(arn(ctx, v.ownerId(), "vpc/" + v.vpcId()))
                        .state(v.stateAsString())
                        .tags(tags(v.tags()))
                        .meta("cidr_block", v.cidrBlock())
                        .meta("is_default", v.isDefault())
                        .build()));
    }

    private void securityGroups(CollectContext ctx) {
        ctx.client(Ec2Client.class).describeSecurityGroupsPaginator(r -> r.maxResults(1000)).securityGroups()
                .forEach(g -> ctx.found(CloudResource.builder(SECURITY_GROUP, ctx.region(), g.groupId())
                        .arn(arn(ctx, g.ownerId(), "security-group/" + g.groupId()))
                        .name(g.groupName())
                        .state("available")
                        .tags(tags(g.tags()))
                        .meta("group_name", g.groupName())
                        .meta("description", g.description())
                        .meta("vpc_id", g.vpcId())
                        .meta("inbound_rules", g.ipPermissions().size())
                        .meta("outbound_rules", g.ipPermissionsEgress().size())
                        .build()));
    }

    // ---- prices --------------------------------------------------------------------------------------------------

    private static Estimate instancePrice(CloudResource r, PriceCatalogue prices) {
        if (!r.inState("running", "pending")) {
            return Estimate.free("no compute charge in state " + r.state() + " (its volumes are priced separately)");
        }
        return prices.amount("ec2_hourly", r.text("instance_type"))
                .map(hourly -> Estimate.hourly(prices, hourly, "on-demand Linux instance hours"))
                .orElseGet(() -> Estimate.unknown("instance type " + r.text("instance_type")
                        + " not in the price catalogue"));
    }

    /** Provisioned GB, plus IOPS and throughput above what gp3 includes. */
    private static Estimate volumePrice(CloudResource r, PriceCatalogue prices) {
        String type = r.text("volume_type");
        BigDecimal perGb = prices.amount("ebs_gb_month", type).orElse(null);
        if (perGb == null) {
            return Estimate.unknown("volume type " + type + " not in the price catalogue");
        }
        boolean gp3 = "gp3".equals(type);
        BigDecimal cost = perGb.multiply(r.number("size_gb"));
        BigDecimal iops = r.number("iops");
        BigDecimal iopsPrice = prices.amount("ebs_provisioned_iops_month", type).orElse(null);
        if (iopsPrice != null && iops.signum() > 0) {
            BigDecimal billable = gp3 ? iops.subtract(prices.amount("ebs_gp3_free_iops")).max(BigDecimal.ZERO) : iops;
            cost = cost.add(billable.multiply(iopsPrice));
        }
        if (gp3) {
            BigDecimal extra = r.number("throughput").subtract(prices.amount("ebs_gp3_free_throughput_mbps"))
                    .max(BigDecimal.ZERO);
            cost = cost.add(extra.multiply(prices.amount("ebs_gp3_throughput_mbps_month")));
        }
        return Estimate.of(cost, "provisioned GB, IOPS and throughput of the volume");
    }

    // ---- actions: EC2's own DryRun checks permissions and state without doing anything ----------------------------

    private static ActionRules instanceActions() {
        return ActionRules.forIds("i-[0-9a-f]{8,17}", "i-0123456789abcdef0")
                .readWith((aws, region, id) -> ActionRules.absentOn("InvalidInstanceID.NotFound", () -> aws
                        .client(Ec2Client.class, region).describeInstances(r -> r.instanceIds(id)).reservations()
                        .stream().flatMap(r -> r.instances().stream()).findFirst()
                        .map(i -> new Current(i.state().nameAsString(), tags(i.tags())))))
                .performWith((aws, region, id, action, dryRun) -> {
                    Ec2Client ec2 = aws.client(Ec2Client.class, region);
                    switch (action) {
                        case STOP -> ec2.stopInstances(r -> r.instanceIds(id).dryRun(dryRun));
                        case START -> ec2.startInstances(r -> r.instanceIds(id).dryRun(dryRun));
                        case DELETE -> ec2.terminateInstances(r -> r.instanceIds(id).dryRun(dryRun));
                    }
                })
                .withApiDryRun()
                .allow(STOP, Set.of("running", "pending"), Set.of("stopped"), Set.of("stopping"))
                .allow(START, Set.of("stopped"), Set.of("running"), Set.of("pending"))
                .allow(DELETE, Set.of("running", "pending", "stopped", "stopping"), Set.of("terminated"),
                        Set.of("shutting-down"));
    }

    private static ActionRules volumeActions() {
        return ActionRules.forIds("vol-[0-9a-f]{8,17}", "vol-0123456789abcdef0")
                .readWith((aws, region, id) -> ActionRules.absentOn("InvalidVolume.NotFound", () -> aws
                        .client(Ec2Client.class, region).describeVolumes(r -> r.volumeIds(id)).volumes().stream()
                        .findFirst().map(v -> new Current(v.stateAsString(), tags(v.tags())))))
                .performWith((aws, region, id, action, dryRun) -> aws.client(Ec2Client.class, region)
                        .deleteVolume(r -> r.volumeId(id).dryRun(dryRun)))
                .withApiDryRun()
                .allow(DELETE, Set.of("available"), Set.of("deleted"), Set.of("deleting"));
    }

    private static ActionRules addressActions() {
        return ActionRules.forIds("eipalloc-[0-9a-f]{8,17}", "eipalloc-0123456789abcdef0")
                .readWith((aws, region, id) -> ActionRules.absentOn("InvalidAllocationID.NotFound", () -> aws
                        .client(Ec2Client.class, region).describeAddresses(r -> r.allocationIds(id)).addresses()
                        .stream().findFirst().map(a -> new Current(
                                a.associationId() == null ? "unassociated" : "associated", tags(a.tags())))))
                .performWith((aws, region, id, action, dryRun) -> aws.client(Ec2Client.class, region)
                        .releaseAddress(r -> r.allocationId(id).dryRun(dryRun)))
                .withApiDryRun()
                .allow(DELETE, Set.of("unassociated"), Set.of(), Set.of());
    }

    private static ActionRules natGatewayActions() {
        return ActionRules.forIds("nat-[0-9a-f]{8,17}", "nat-0123456789abcdef0")
                .readWith((aws, region, id) -> ActionRules.absentOn("NatGatewayNotFound", () -> aws
                        .client(Ec2Client.class, region).describeNatGateways(r -> r.natGatewayIds(id)).natGateways()
                        .stream().findFirst().map(n -> new Current(n.stateAsString(), tags(n.tags())))))
                .performWith((aws, region, id, action, dryRun) -> aws.client(Ec2Client.class, region)
                        .deleteNatGateway(r -> r.natGatewayId(id).dryRun(dryRun)))
                .withApiDryRun()
                .allow(DELETE, Set.of("available", "pending", "failed"), Set.of("deleted"), Set.of("deleting"));
    }

    private static String arn(CollectContext ctx, String owner, String resource) {
        return "arn:aws:ec2:" + ctx.region() + ":" + (owner != null ? owner : ctx.accountId()) + ":" + resource;
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return Tags.of(tags, Tag::key, Tag::value);
    }
}

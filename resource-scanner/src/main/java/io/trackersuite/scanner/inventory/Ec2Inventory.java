package io.trackersuite.scanner.inventory;

import static io.trackersuite.scanner.inventory.ResourceType.EBS_SNAPSHOT;
import static io.trackersuite.scanner.inventory.ResourceType.EBS_VOLUME;
import static io.trackersuite.scanner.inventory.ResourceType.EC2_INSTANCE;
import static io.trackersuite.scanner.inventory.ResourceType.ELASTIC_IP;
import static io.trackersuite.scanner.inventory.ResourceType.NAT_GATEWAY;
import static io.trackersuite.scanner.inventory.ResourceType.SECURITY_GROUP;
import static io.trackersuite.scanner.inventory.ResourceType.VPC;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/** EC2 and its neighbours: instances, EBS volumes and snapshots, Elastic IPs, NAT gateways, VPCs, security groups. */
@ApplicationScoped
public class Ec2Inventory {

    void instances(CollectContext ctx) {
        ctx.client(Ec2Client.class).describeInstancesPaginator(r -> r.maxResults(1000)).reservations()
                .forEach(reservation -> reservation.instances().forEach(i -> ctx.found(
                        CloudResource.builder(EC2_INSTANCE, ctx.region(), i.instanceId())
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

    void volumes(CollectContext ctx) {
        ctx.client(Ec2Client.class).describeVolumesPaginator(r -> r.maxResults(500)).volumes()
                .forEach(v -> ctx.found(CloudResource.builder(EBS_VOLUME, ctx.region(), v.volumeId())
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

    void snapshots(CollectContext ctx) {
        ctx.client(Ec2Client.class).describeSnapshotsPaginator(r -> r.ownerIds("self").maxResults(1000)).snapshots()
                .forEach(s -> ctx.found(CloudResource.builder(EBS_SNAPSHOT, ctx.region(), s.snapshotId())
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
    void addresses(CollectContext ctx) {
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

    void natGateways(CollectContext ctx) {
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

    void vpcs(CollectContext ctx) {
        ctx.client(Ec2Client.class).describeVpcsPaginator(r -> r.maxResults(1000)).vpcs()
                .forEach(v -> ctx.found(CloudResource.builder(VPC, ctx.region(), v.vpcId())
                        .arn(arn(ctx, v.ownerId(), "vpc/" + v.vpcId()))
                        .state(v.stateAsString())
                        .tags(tags(v.tags()))
                        .meta("cidr_block", v.cidrBlock())
                        .meta("is_default", v.isDefault())
                        .build()));
    }

    void securityGroups(CollectContext ctx) {
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

    private static String arn(CollectContext ctx, String owner, String resource) {
        return "arn:aws:ec2:" + ctx.region() + ":" + (owner != null ? owner : ctx.accountId()) + ":" + resource;
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return Tags.of(tags, Tag::key, Tag::value);
    }
}

package io.trackersuite.testing.aws;

import static io.trackersuite.testing.aws.AwsStub.each;
import static io.trackersuite.testing.aws.AwsStub.el;

import java.util.List;
import java.util.function.Function;

import io.trackersuite.testing.aws.AwsStub.Answer;
import io.trackersuite.testing.aws.AwsStub.Req;

/** EC2's query protocol: form parameters in, EC2-style XML out (item lists, camelCase names, DryRun as error 412). */
final class Ec2Api {

    private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final AwsStub stub;
    private final Req req;

    Ec2Api(AwsStub stub, Req req) {
        this.stub = stub;
        this.req = req;
    }

    Answer answer(String action) {
        return switch (action) {
            case "DescribeRegions" -> response(action, "<regionInfo>" + each(stub.regionOptIn().entrySet().stream()
                    .sorted(java.util.Map.Entry.comparingByKey()).toList(), e -> "<item>" + el("regionName", e.getKey())
                            + el("regionEndpoint", "ec2." + e.getKey() + ".amazonaws.com")
                            + el("optInStatus", e.getValue()) + "</item>") + "</regionInfo>");
            case "DescribeInstances" -> list(action, "ec2_instance", "InstanceId", "reservationSet",
                    i -> "<item>" + el("reservationId", "r-" + i.id.substring(2)) + el("ownerId", AwsStub.ACCOUNT)
                            + "<instancesSet><item>" + el("instanceId", i.id) + el("instanceType", i.text("type"))
                            + "<instanceState>" + el("code", stateCode(i.state)) + el("name", i.state) + "</instanceState>"
                            + el("launchTime", i.created) + "<placement>" + el("availabilityZone", req.region() + "a")
                            + "</placement>" + el("vpcId", i.text("vpc")) + el("privateIpAddress", "10.0.0.10")
                            + el("platformDetails", "Linux/UNIX") + tags(i) + "</item></instancesSet></item>");
            case "DescribeVolumes" -> list(action, "ebs_volume", "VolumeId", "volumeSet",
                    v -> "<item>" + el("volumeId", v.id) + el("size", v.number("size")) + el("availabilityZone",
                            req.region() + "a") + el("status", v.state) + el("createTime", v.created)
                            + el("volumeType", v.text("volume_type")) + el("iops", v.attrs.get("iops"))
                            + el("throughput", v.attrs.get("throughput")) + el("encrypted", false)
                            + "<attachmentSet>" + (v.text("attached_to") == null ? "" : "<item>"
                                    + el("instanceId", v.text("attached_to")) + "</item>") + "</attachmentSet>"
                            + tags(v) + "</item>");
            case "DescribeSnapshots" -> list(action, "ebs_snapshot", "SnapshotId", "snapshotSet",
                    s -> "<item>" + el("snapshotId", s.id) + el("volumeId", s.text("volume")) + el("status", s.state)
                            + el("startTime", s.created) + el("volumeSize", s.number("size")) + el("ownerId",
                                    AwsStub.ACCOUNT) + el("storageTier", "standard") + el("description", "backup")
                            + tags(s) + "</item>");
            case "DescribeAddresses" -> response(action, "<addressesSet>" + each(filtered("elastic_ip", "AllocationId"),
                    a -> "<item>" + el("publicIp", a.text("ip")) + el("allocationId", a.id) + el("domain", "vpc")
                            + el("associationId", a.text("association")) + el("instanceId", a.text("instance"))
                            + tags(a) + "</item>") + "</addressesSet>");
            case "DescribeNatGateways" -> list(action, "nat_gateway", "NatGatewayId", "natGatewaySet",
                    n -> "<item>" + el("natGatewayId", n.id) + el("state", n.state) + el("vpcId", n.text("vpc"))
                            + el("subnetId", "subnet-0abc") + el("createTime", n.created)
                            + el("connectivityType", "public") + tags(n) + "</item>");
            case "DescribeVpcs" -> list(action, "vpc", "VpcId", "vpcSet",
                    v -> "<item>" + el("vpcId", v.id) + el("state", v.state) + el("cidrBlock", "10.0.0.0/16")
                            + el("isDefault", false) + el("ownerId", AwsStub.ACCOUNT) + tags(v) + "</item>");
            case "DescribeSecurityGroups" -> list(action, "security_group", "GroupId", "securityGroupInfo",
                    g -> "<item>" + el("ownerId", AwsStub.ACCOUNT) + el("groupId", g.id) + el("groupName",
                            g.text("name")) + el("groupDescription", "stub group") + el("vpcId", g.text("vpc"))
                            + "<ipPermissions/><ipPermissionsEgress/>" + tags(g) + "</item>");
            case "StopInstances" -> transition(action, "stopped", "running", "pending");
            case "StartInstances" -> transition(action, "running", "stopped");
            case "TerminateInstances" -> transition(action, "terminated", "running", "pending", "stopped", "stopping");
            case "DeleteVolume" -> remove(action, "ebs_volume", req.param("VolumeId"), "InvalidVolume.NotFound");
            case "ReleaseAddress" -> remove(action, "elastic_ip", req.param("AllocationId"),
                    "InvalidAllocationID.NotFound");
            case "DeleteNatGateway" -> {
                StubResource nat = stub.find("nat_gateway", req.region(), req.param("NatGatewayId"));
                if (nat == null) {
                    yield stub.error(req, 400, "NatGatewayNotFound", null, "NAT gateway not found");
                }
                if (dryRun()) {
                    yield dryRunPassed();
                }
                nat.state = "deleting";
                yield response(action, el("natGatewayId", nat.id));
            }
            default -> stub.error(req, 400, "InvalidAction", null, "The action " + action + " is not valid");
        };
    }

    private Answer list(String action, String type, String idFilter, String set, Function<StubResource, String> item) {
        AwsStub.Page<StubResource> page = AwsStub.page(filtered(type, idFilter), req.param("NextToken"),
                stub.pageSize(req, "MaxResults"));
        return response(action, "<" + set + ">" + each(page.items(), item) + "</" + set + ">" + el("nextToken",
                page.next()));
    }

    private List<StubResource> filtered(String type, String idFilter) {
        List<String> ids = req.params(idFilter);
        return stub.list(type, req.region()).stream().filter(r -> ids.isEmpty() || ids.contains(r.id)).toList();
    }

    private Answer transition(String action, String to, String... from) {
        StringBuilder items = new StringBuilder();
        List<String> ids = req.params("InstanceId");
        for (String id : ids) {
            StubResource i = stub.find("ec2_instance", req.region(), id);
            if (i == null) {
                return stub.error(req, 400, "InvalidInstanceID.NotFound", null, "The instance ID '" + id
                        + "' does not exist");
            }
            if (!List.of(from).contains(i.state)) {
                return stub.error(req, 400, "IncorrectInstanceState", null, "The instance '" + id
                        + "' is not in a state from which it can be " + to);
            }
        }
        if (dryRun()) {
            return dryRunPassed();
        }
        for (String id : ids) {
            StubResource i = stub.find("ec2_instance", req.region(), id);
            String previous = i.state;
            i.state = to;
            items.append("<item>").append(el("instanceId", id)).append("<currentState>").append(el("code", stateCode(to)))
                    .append(el("name", to)).append("</currentState><previousState>")
                    .append(el("code", stateCode(previous))).append(el("name", previous))
                    .append("</previousState></item>");
        }
        return response(action, "<instancesSet>" + items + "</instancesSet>");
    }

    private Answer remove(String action, String type, String id, String notFound) {
        StubResource r = stub.find(type, req.region(), id);
        if (r == null) {
            return stub.error(req, 400, notFound, null, "'" + id + "' does not exist");
        }
        if (dryRun()) {
            return dryRunPassed();
        }
        stub.list(type, req.region()).remove(r);
        return response(action, el("return", true));
    }

    private boolean dryRun() {
        return "true".equals(req.param("DryRun"));
    }

    private Answer dryRunPassed() {
        return stub.error(req, 412, "DryRunOperation", null, "Request would have succeeded, but DryRun flag is set.");
    }

    private static int stateCode(String state) {
        return switch (state) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            case "stopping" -> 64;
            default -> 80;
        };
    }

    private static String tags(StubResource r) {
        return "<tagSet>" + each(r.tags.entrySet(), e -> "<item>" + el("key", e.getKey()) + el("value", e.getValue())
                + "</item>") + "</tagSet>";
    }

    private static Answer response(String action, String content) {
        return Answer.xml("<" + action + "Response xmlns=\"" + NS + "\">" + el("requestId", AwsStub.requestId())
                + content + "</" + action + "Response>");
    }
}

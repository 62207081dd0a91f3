package io.trackersuite.session.instance;

/**
 * Where this service instance runs, for the instance panel and for tagging presence sessions.
 *
 * @param onEc2 the instance metadata service answered
 * @param metadataVersion "IMDSv2" or "IMDSv1" when on EC2, else null
 * @param instanceId EC2 instance id; off EC2 the pod or host name
 * @param host pod name (Kubernetes) or host name
 * @param publicIp null when the instance has none
 */
public record InstanceInfo(boolean onEc2, String metadataVersion, String instanceId, String instanceType,
        String region, String availabilityZone, String vpcId, String publicIp, String host) {

    static InstanceInfo offEc2(String host) {
        return new InstanceInfo(false, null, host, null, null, null, null, null, host);
    }
}

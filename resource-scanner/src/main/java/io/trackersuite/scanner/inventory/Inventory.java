package io.trackersuite.scanner.inventory;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/** Which collector lists which resource type. */
@ApplicationScoped
public class Inventory {

    private final Map<ResourceType, Collector> collectors = new EnumMap<>(ResourceType.class);

    public Inventory(Ec2Inventory ec2, S3Inventory s3, ManagedServicesInventory managed, AccountInventory account) {
        collectors.put(ResourceType.EC2_INSTANCE, ec2::instances);
        collectors.put(ResourceType.EBS_VOLUME, ec2::volumes);
        collectors.put(ResourceType.EBS_SNAPSHOT, ec2::snapshots);
        collectors.put(ResourceType.ELASTIC_IP, ec2::addresses);
        collectors.put(ResourceType.NAT_GATEWAY, ec2::natGateways);
        collectors.put(ResourceType.VPC, ec2::vpcs);
        collectors.put(ResourceType.SECURITY_GROUP, ec2::securityGroups);
        collectors.put(ResourceType.S3_BUCKET, s3::buckets);
        collectors.put(ResourceType.RDS_INSTANCE, managed::rdsInstances);
        collectors.put(ResourceType.LAMBDA_FUNCTION, managed::lambdaFunctions);
        collectors.put(ResourceType.LOAD_BALANCER, account::loadBalancers);
        collectors.put(ResourceType.CLASSIC_LOAD_BALANCER, account::classicLoadBalancers);
        collectors.put(ResourceType.IAM_USER, account::iamUsers);
        collectors.put(ResourceType.IAM_ROLE, account::iamRoles);
        collectors.put(ResourceType.LOG_GROUP, managed::logGroups);
        collectors.put(ResourceType.DYNAMODB_TABLE, managed::dynamoDbTables);
        collectors.put(ResourceType.ECS_CLUSTER, managed::ecsClusters);
        collectors.put(ResourceType.EKS_CLUSTER, managed::eksClusters);
        collectors.put(ResourceType.ELASTICACHE_CLUSTER, managed::elastiCacheClusters);
    }

    public Collector collectorFor(ResourceType type) {
        return collectors.get(type);
    }
}

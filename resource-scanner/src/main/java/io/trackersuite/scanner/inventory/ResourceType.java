package io.trackersuite.scanner.inventory;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of resource the scanner inventories, with the AWS service that lists them. */
public enum ResourceType {
    EC2_INSTANCE("ec2_instance", "ec2", false),
    EBS_VOLUME("ebs_volume", "ec2", false),
    EBS_SNAPSHOT("ebs_snapshot", "ec2", false),
    ELASTIC_IP("elastic_ip", "ec2", false),
    NAT_GATEWAY("nat_gateway", "ec2", false),
    VPC("vpc", "ec2", false),
    SECURITY_GROUP("security_group", "ec2", false),
    S3_BUCKET("s3_bucket", "s3", true),
    RDS_INSTANCE("rds_instance", "rds", false),
    LAMBDA_FUNCTION("lambda_function", "lambda", false),
    LOAD_BALANCER("load_balancer", "elasticloadbalancing", false),
    CLASSIC_LOAD_BALANCER("classic_load_balancer", "elasticloadbalancing", false),
    IAM_USER("iam_user", "iam", true),
    IAM_ROLE("iam_role", "iam", true),
    LOG_GROUP("log_group", "logs", false),
    DYNAMODB_TABLE("dynamodb_table", "dynamodb", false),
    ECS_CLUSTER("ecs_cluster", "ecs", false),
    EKS_CLUSTER("eks_cluster", "eks", false),
    ELASTICACHE_CLUSTER("elasticache_cluster", "elasticache", false);

    /** The region recorded for IAM resources, which belong to no region. */
    public static final String GLOBAL_REGION = "global";

    private final String id;
    private final String service;
    private final boolean accountWide;

    ResourceType(String id, String service, boolean accountWide) {
        this.id = id;
        this.service = service;
        this.accountWide = accountWide;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String service() {
        return service;
    }

    /**
     * Listed once per scan rather than once per region: IAM is global, and S3 lists every bucket of the account in
     * one call (each bucket is then placed in its own region).
     */
    public boolean accountWide() {
        return accountWide;
    }

    public static Optional<ResourceType> parse(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equalsIgnoreCase(id)).findFirst();
    }
}

package io.trackersuite.scanner.inventory;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of resource the scanner inventories, with the AWS service that lists them. */
public enum ResourceType {
    EC2_INSTANCE("ec2_instance", "EC2_Instance", "ec2", false),
    EBS_VOLUME("ebs_volume", "EBS_Volume", "ec2", false),
    EBS_SNAPSHOT("ebs_snapshot", "EBS_Snapshot", "ec2", false),
    ELASTIC_IP("elastic_ip", "Elastic_IP", "ec2", false),
    NAT_GATEWAY("nat_gateway", "NAT_Gateway", "ec2", false),
    VPC("vpc", "VPC", "ec2", false),
    SECURITY_GROUP("security_group", "Security_Group", "ec2", false),
    S3_BUCKET("s3_bucket", "S3_Bucket", "s3", true),
    RDS_INSTANCE("rds_instance", "RDS_Instance", "rds", false),
    LAMBDA_FUNCTION("lambda_function", "Lambda_Function", "lambda", false),
    LOAD_BALANCER("load_balancer", "Load_Balancer", "elasticloadbalancing", false),
    CLASSIC_LOAD_BALANCER("classic_load_balancer", "Classic_Load_Balancer", "elasticloadbalancing", false),
    IAM_USER("iam_user", "IAM_User", "iam", true),
    IAM_ROLE("iam_role", "IAM_Role", "iam", true),
    LOG_GROUP("log_group", "CloudWatch_LogGroup", "logs", false),
    DYNAMODB_TABLE("dynamodb_table", "DynamoDB_Table", "dynamodb", false),
    ECS_CLUSTER("ecs_cluster", "ECS_Cluster", "ecs", false),
    EKS_CLUSTER("eks_cluster", "EKS_Cluster", "eks", false),
    ELASTICACHE_CLUSTER("elasticache_cluster", "ElastiCache_Cluster", "elasticache", false);

    /** The region recorded for IAM resources, which belong to no region. */
    public static final String GLOBAL_REGION = "global";

    private final String id;
    /** The name the original AWS resource tracker gave the type ({@code EC2_Instance}), kept on its API. */
    private final String seedName;
    private final String service;
    private final boolean accountWide;

    ResourceType(String id, String seedName, String service, boolean accountWide) {
        this.id = id;
        this.seedName = seedName;
        this.service = service;
        this.accountWide = accountWide;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String seedName() {
        return seedName;
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

    /** By id ({@code ec2_instance}) or by the original tracker's name ({@code EC2_Instance}), in any case. */
    public static Optional<ResourceType> parse(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equalsIgnoreCase(id) || t.seedName.equalsIgnoreCase(id))
                .findFirst();
    }
}

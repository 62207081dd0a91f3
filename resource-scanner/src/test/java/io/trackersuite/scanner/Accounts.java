package io.trackersuite.scanner;

import java.util.HexFormat;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trackersuite.security.ApiKeyRing;
import io.trackersuite.testing.aws.AwsStub;

/** Who calls the scanner in tests (tokens from the OIDC test server, API keys) and the stub account they scan. */
public final class Accounts {

    public static final String VIEWER_KEY = "tsk_test-viewer_" + "v".repeat(40);
    public static final String OPERATOR_KEY = "tsk_test-operator_" + "o".repeat(40);

    private Accounts() {
    }

    /** Configures the test API keys' hashes (the keys themselves never appear in configuration). */
    public static class ApiKeysResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("test.api-key.viewer.sha256", HexFormat.of().formatHex(ApiKeyRing.sha256(VIEWER_KEY)),
                    "test.api-key.operator.sha256", HexFormat.of().formatHex(ApiKeyRing.sha256(OPERATOR_KEY)));
        }

        @Override
        public void stop() {
        }
    }

    /**
     * A small account over two regions with one of each type, costs hand-computable from the price catalogue.
     * Pagination is exercised by three security groups per region with the stub's page size of 3... plus one.
     */
    public static void standard(AwsStub aws) {
        aws.reset();
        for (String region : new String[] { "us-east-1", "eu-west-1" }) {
            aws.add("ec2_instance", region, region.startsWith("us") ? "i-0aaa000000000001" : "i-0bbb000000000001", "running")
                    .attr("type", "t3.micro").attr("vpc", "vpc-0abc").tag("Name", "web-" + region).tag("team", "web");
            aws.add("ebs_volume", region, region.startsWith("us") ? "vol-0aaa000000000001" : "vol-0bbb000000000001",
                    "available").attr("size", 100).attr("volume_type", "gp3").attr("iops", 3000).attr("throughput", 125)
                    .tag("team", "data");
            for (int i = 1; i <= 4; i++) {
                aws.add("security_group", region, "sg-0" + region.charAt(0) + "00000000000000" + i, "available")
                        .attr("name", "group-" + i).attr("vpc", "vpc-0abc");
            }
        }
        aws.add("ec2_instance", "us-east-1", "i-0aaa000000000002", "stopped").attr("type", "m5.large")
                .tag("protected", "true").tag("team", "web");
        aws.add("ebs_snapshot", "us-east-1", "snap-0aaa000000000001", "completed").attr("size", 20).attr("volume", "vol-0aaa000000000001");
        aws.add("elastic_ip", "us-east-1", "eipalloc-0aaa000000000001", "unassociated").attr("ip", "198.51.100.7");
        aws.add("nat_gateway", "us-east-1", "nat-0aaa000000000001", "available").attr("vpc", "vpc-0abc");
        aws.add("vpc", "us-east-1", "vpc-0abc", "available").tag("Name", "main");
        aws.add("s3_bucket", "global", "tracker-logs", "available").attr("region", "us-east-1")
                .attr("bytes_StandardStorage", 107_374_182_400L).attr("objects", 1200).tag("team", "data");
        aws.add("s3_bucket", "global", "tracker-empty-eu", "available").attr("region", "eu-west-1").attr("legacy", true);
        aws.add("rds_instance", "us-east-1", "orders-db", "available").attr("class", "db.t3.micro")
                .attr("engine", "postgres").attr("storage", 20).tag("team", "data");
        aws.add("lambda_function", "us-east-1", "thumbnailer", "active").tag("team", "web");
        aws.add("load_balancer", "us-east-1", "web-alb", "active").attr("lb_type", "application");
        aws.add("classic_load_balancer", "eu-west-1", "legacy-elb", "active").tag("owner", "<script>alert(1)</script>");
        aws.add("iam_user", "global", "deployer", "active").tag("team", "ops");
        aws.add("iam_role", "global", "scanner-role", "active");
        aws.add("log_group", "us-east-1", "/aws/lambda/thumbnailer", "available").attr("stored_bytes", 10_737_418_240L);
        aws.add("dynamodb_table", "us-east-1", "sessions", "ACTIVE").attr("rcu", 5).attr("wcu", 5)
                .attr("size_bytes", 1_073_741_824L);
        aws.add("ecs_cluster", "eu-west-1", "workers", "ACTIVE");
        aws.add("eks_cluster", "eu-west-1", "platform", "ACTIVE").tag("env", "prod");
        aws.add("elasticache_cluster", "us-east-1", "cache-1", "available").attr("node_type", "cache.t3.micro")
                .attr("nodes", 2);
    }
}

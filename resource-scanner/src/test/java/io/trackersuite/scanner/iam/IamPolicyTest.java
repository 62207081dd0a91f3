package io.trackersuite.scanner.iam;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.trackersuite.scanner.Accounts;
import io.trackersuite.scanner.Scans;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.TestTokens;
import io.trackersuite.testing.aws.AwsStub;
import io.trackersuite.testing.aws.AwsStubResource;

/**
 * The IAM policies the scanner's role gets in EKS (deploy/terraform/iam.tf) against the AWS calls it really makes: a
 * call the policy does not grant is an AccessDenied in production that no stub would show, and a grant no call needs
 * is more than the least privilege the README promises.
 */
@QuarkusTest
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(AwsStubResource.class)
@WithTestResource(Accounts.ApiKeysResource.class)
class IamPolicyTest {

    private static final Path POLICIES = Path.of("../deploy/terraform/iam.tf");
    /** Signing names that differ from the IAM prefix of the same service. */
    private static final Map<String, String> IAM_PREFIX = Map.of("monitoring", "cloudwatch", "tagging", "tag");
    /** REST-protocol calls, recorded by the stub as method and path: the IAM action each one needs. */
    private static final List<RestCall> REST_CALLS = List.of(
            new RestCall("s3", "GET /(\\?.*)?", "ListAllMyBuckets"),
            new RestCall("s3", "GET /[^/?]+\\?location", "GetBucketLocation"),
            new RestCall("s3", "GET /[^/?]+\\?tagging", "GetBucketTagging"),
            new RestCall("s3", "GET /[^/?]+\\?(.*&)?versions(&.*)?", "ListBucketVersions"),
            new RestCall("s3", "DELETE /[^/?]+", "DeleteBucket"),
            new RestCall("lambda", "GET /2015-03-31/functions/?(\\?.*)?", "ListFunctions"),
            new RestCall("lambda", "GET /2015-03-31/functions/[^/?]+(\\?.*)?", "GetFunction"),
            new RestCall("lambda", "DELETE /2015-03-31/functions/[^/?]+(\\?.*)?", "DeleteFunction"),
            new RestCall("lambda", "GET /2017-03-31/tags/.+", "ListTags"),
            new RestCall("eks", "GET /clusters(\\?.*)?", "ListClusters"),
            new RestCall("eks", "GET /clusters/[^/?]+", "DescribeCluster"));
    /** AWS answers these for any signed caller, whatever its policies. */
    private static final Set<String> NEEDS_NO_PERMISSION = Set.of("sts:GetCallerIdentity");
    private static final Set<String> CHANGES = Set.of("Stop", "Start", "Terminate", "Delete", "Release");

    private record RestCall(String service, String pattern, String action) {
    }

    private final String operator = TestTokens.bearer("olga", "operator");

    @Test
    void theScannersRoleMayMakeEveryCallItMakesAndNoOther() throws IOException {
        AwsStub aws = AwsStubResource.stub();
        Accounts.standard(aws);
        // the services' own tag calls, which a scan makes where the tagging API has no entry for a type
        for (String typeFilter : List.of("dynamodb:table", "ecr:repository", "elasticache:cluster", "lambda:function",
                "logs:log-group")) {
            aws.taggingApiOmits(typeFilter);
        }
        aws.add("s3_bucket", "global", "tracker-logs-empty", "available").attr("region", "us-east-1");
        aws.add("rds_instance", "us-east-1", "stopped-db", "stopped").attr("class", "db.t3.micro").attr("engine", "mysql");
        aws.add("rds_instance", "us-east-1", "old-db", "available").attr("class", "db.t3.micro").attr("engine", "mysql");
        aws.add("ecr_repository", "us-east-1", "old/unused", "available");
        Scans.run(Map.of("regions", List.of("us-east-1", "eu-west-1")));
        record Act(String type, String id, String action) {
        }
        for (Act act : List.of(new Act("ec2_instance", "i-0aaa000000000001", "stop"),
                new Act("ec2_instance", "i-0aaa000000000001", "start"),
                new Act("ec2_instance", "i-0aaa000000000001", "terminate"),
                new Act("rds_instance", "orders-db", "stop"),
                new Act("rds_instance", "stopped-db", "start"),
                new Act("rds_instance", "old-db", "delete"),
                new Act("ecr_repository", "old/unused", "delete"),
                new Act("ebs_volume", "vol-0aaa000000000001", "delete"),
                new Act("elastic_ip", "eipalloc-0aaa000000000001", "release"),
                new Act("nat_gateway", "nat-0aaa000000000001", "delete"),
                new Act("lambda_function", "thumbnailer", "delete"),
                new Act("load_balancer", "web-alb", "delete"),
                new Act("log_group", "/aws/lambda/thumbnailer", "delete"),
                new Act("s3_bucket", "tracker-logs-empty", "delete"))) {
            given().auth().oauth2(operator).contentType(ContentType.JSON)
                    .body(Map.of("resource_type", act.type(), "region", "us-east-1", "resource_id", act.id(),
                            "action", act.action(), "dry_run", false))
                    .post("/api/v1/actions").then().statusCode(200);
        }

        String policies = Files.readString(POLICIES);
        List<String> read = policyActions(policies, "scanner_read");
        List<String> actions = policyActions(policies, "scanner_actions");
        Set<String> called = new TreeSet<>();
        Set<String> unknown = new TreeSet<>();
        for (AwsStub.Call call : aws.calls()) {
            String action = iamAction(call);
            if (action == null) {
                unknown.add(call.service() + " " + call.operation());
            } else {
                called.add(action);
            }
        }
        assertThat(unknown).as("calls with no IAM action in REST_CALLS").isEmpty();
        assertThat(called).as("IAM actions of the calls").hasSizeGreaterThan(30);
        Set<String> ungranted = new TreeSet<>();
        for (String action : called) {
            boolean change = CHANGES.stream().anyMatch(verb -> action.substring(action.indexOf(':') + 1).startsWith(verb));
            if (!NEEDS_NO_PERMISSION.contains(action) && !grants(change ? actions : read, action)) {
                ungranted.add(action + (change ? " (scanner_actions)" : " (scanner_read)"));
            }
        }
        assertThat(ungranted).as("calls the policies in %s do not grant", POLICIES).isEmpty();
        // least privilege: every grant is needed by some call
        Set<String> unused = new TreeSet<>();
        Map.of("scanner_read", read, "scanner_actions", actions).forEach((policy, grants) -> grants.stream()
                .filter(grant -> called.stream().noneMatch(action -> matches(grant, action)))
                .forEach(grant -> unused.add(grant + " (" + policy + ")")));
        assertThat(unused).as("grants in %s that no call needs", POLICIES).isEmpty();
    }

    /** The {@code actions = [...]} of one {@code aws_iam_policy_document} data source. */
    private static List<String> policyActions(String terraform, String document) {
        Matcher block = Pattern.compile("data \"aws_iam_policy_document\" \"" + document + "\" \\{.*?actions = \\[(.*?)]",
                Pattern.DOTALL).matcher(terraform);
        assertThat(block.find()).as("policy document %s in %s", document, POLICIES).isTrue();
        List<String> actions = new ArrayList<>();
        Matcher quoted = Pattern.compile("\"([a-z0-9-]+:[A-Za-z*]+)\"").matcher(block.group(1));
        while (quoted.find()) {
            actions.add(quoted.group(1));
        }
        return actions;
    }

    /** The IAM action a call needs, or null for a REST call {@link #REST_CALLS} does not know. */
    private static String iamAction(AwsStub.Call call) {
        String prefix = IAM_PREFIX.getOrDefault(call.service(), call.service());
        if (!call.operation().contains(" ")) {
            return prefix + ":" + call.operation(); // query and JSON protocols name the operation, as IAM does
        }
        return REST_CALLS.stream()
                .filter(rest -> rest.service().equals(call.service()) && call.operation().matches(rest.pattern()))
                .map(rest -> prefix + ":" + rest.action())
                .findFirst()
                .orElse(null);
    }

    private static boolean grants(List<String> policy, String action) {
        return policy.stream().anyMatch(grant -> matches(grant, action));
    }

    private static boolean matches(String grant, String action) {
        return grant.endsWith("*") ? action.startsWith(grant.substring(0, grant.length() - 1)) : grant.equals(action);
    }
}

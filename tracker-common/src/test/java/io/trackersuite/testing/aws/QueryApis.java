package io.trackersuite.testing.aws;

import static io.trackersuite.testing.aws.AwsStub.each;
import static io.trackersuite.testing.aws.AwsStub.el;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.trackersuite.testing.aws.AwsStub.Answer;
import io.trackersuite.testing.aws.AwsStub.Req;

/** The awsQuery services: RDS, IAM, ELB (classic and v2), ElastiCache, CloudWatch and STS. */
final class QueryApis {

    private final AwsStub stub;
    private final Req req;

    QueryApis(AwsStub stub, Req req) {
        this.stub = stub;
        this.req = req;
    }

    Answer answer(String action) {
        return switch (req.service() + ":" + action) {
            case "sts:GetCallerIdentity" -> result("https://sts.amazonaws.com/doc/2011-06-15/", action,
                    el("Arn", "arn:aws:iam::" + AwsStub.ACCOUNT + ":user/scanner") + el("UserId", "AIDASTUB")
                            + el("Account", AwsStub.ACCOUNT));
            case "sts:AssumeRole" -> result("https://sts.amazonaws.com/doc/2011-06-15/", action, "<Credentials>"
                    + el("AccessKeyId", AwsStub.ASSUMED_ROLE.accessKeyId())
                    + el("SecretAccessKey", AwsStub.ASSUMED_ROLE.secretAccessKey())
                    + el("SessionToken", AwsStub.ASSUMED_ROLE.sessionToken())
                    + el("Expiration", Instant.now().plusSeconds(3600))
                    + "</Credentials><AssumedRoleUser>" + el("AssumedRoleId", "AROASTUB:" + req.param("RoleSessionName"))
                    + el("Arn", req.param("RoleArn")) + "</AssumedRoleUser>");
            case "rds:DescribeDBInstances" -> {
                String id = req.param("DBInstanceIdentifier");
                List<StubResource> all = stub.list("rds_instance", req.region()).stream()
                        .filter(r -> id == null || r.id.equals(id)).toList();
                if (id != null && all.isEmpty()) {
                    yield stub.error(req, 404, "DBInstanceNotFound", null, "DBInstance " + id + " not found.");
                }
                yield paged(RDS, action, all, "MaxRecords", "Marker", "Marker",
                        items -> "<DBInstances>" + each(items, db -> "<DBInstance>" + db(db) + "</DBInstance>")
                                + "</DBInstances>");
            }
            case "rds:StopDBInstance" -> rdsTransition(action, "stopping", "available");
            case "rds:StartDBInstance" -> rdsTransition(action, "starting", "stopped");
            case "rds:DeleteDBInstance" -> rdsTransition(action, "deleting", "available", "stopped");
            case "iam:GetAccountAuthorizationDetails" -> {
                boolean users = "User".equals(req.param("Filter.member.1"));
                List<StubResource> all = stub.list(users ? "iam_user" : "iam_role", "global");
                AwsStub.Page<StubResource> page = AwsStub.page(all, req.param("Marker"), stub.pageSize(req, "MaxItems"));
                String list = users
                        ? "<UserDetailList>" + each(page.items(), u -> "<member>" + el("UserName", u.id)
                                + el("UserId", "AIDA" + u.id.toUpperCase()) + el("Arn", "arn:aws:iam::" + AwsStub.ACCOUNT
                                        + ":user/" + u.id) + el("Path", "/") + el("CreateDate", u.created)
                                + "<GroupList/><AttachedManagedPolicies/>" + tags("Tags", "member", u) + "</member>")
                                + "</UserDetailList>"
                        : "<RoleDetailList>" + each(page.items(), r -> "<member>" + el("RoleName", r.id)
                                + el("RoleId", "AROA" + r.id.toUpperCase()) + el("Arn", "arn:aws:iam::" + AwsStub.ACCOUNT
                                        + ":role/" + r.id) + el("Path", "/") + el("CreateDate", r.created)
                                + "<AttachedManagedPolicies/>" + tags("Tags", "member", r) + "</member>")
                                + "</RoleDetailList>";
                yield result("https://iam.amazonaws.com/doc/2010-05-08/", action, list
                        + el("IsTruncated", page.next() != null) + el("Marker", page.next()));
            }
            case "elasticloadbalancing:DescribeLoadBalancers" -> "2015-12-01".equals(req.param("Version"))
                    ? albs(action) : classics(action);
            case "elasticloadbalancing:DescribeTags" -> "2015-12-01".equals(req.param("Version"))
                    ? result(ELBV2, action, "<TagDescriptions>" + each(req.params("ResourceArns.member"), arn -> {
                        StubResource lb = stub.list("load_balancer", req.region()).stream()
                                .filter(r -> arn(r).equals(arn)).findFirst().orElse(null);
                        return lb == null ? "" : "<member>" + el("ResourceArn", arn) + tags("Tags", "member", lb)
                                + "</member>";
                    }) + "</TagDescriptions>")
                    : result(ELB, action, "<TagDescriptions>" + each(req.params("LoadBalancerNames.member"), name -> {
                        StubResource lb = stub.find("classic_load_balancer", req.region(), name);
                        return lb == null ? "" : "<member>" + el("LoadBalancerName", name) + tags("Tags", "member", lb)
                                + "</member>";
                    }) + "</TagDescriptions>");
            case "elasticloadbalancing:DeleteLoadBalancer" -> {
                boolean v2 = "2015-12-01".equals(req.param("Version"));
                String type = v2 ? "load_balancer" : "classic_load_balancer";
                StubResource lb = stub.list(type, req.region()).stream().filter(r -> v2
                        ? arn(r).equals(req.param("LoadBalancerArn")) : r.id.equals(req.param("LoadBalancerName")))
                        .findFirst().orElse(null);
                if (lb != null) {
                    stub.list(type, req.region()).remove(lb);
                }
                yield result(v2 ? ELBV2 : ELB, action, "");
            }
            case "elasticache:DescribeCacheClusters" -> paged(ELASTICACHE, action,
                    stub.list("elasticache_cluster", req.region()), "MaxRecords", "Marker", "Marker",
                    items -> "<CacheClusters>" + each(items, c -> "<CacheCluster>" + el("CacheClusterId", c.id)
                            + el("CacheNodeType", c.text("node_type")) + el("Engine", "redis") + el("EngineVersion", "7.1")
                            + el("CacheClusterStatus", c.state) + el("NumCacheNodes", c.number("nodes"))
                            + el("CacheClusterCreateTime", c.created) + el("ARN", cacheArn(c)) + "</CacheCluster>")
                            + "</CacheClusters>");
            case "elasticache:ListTagsForResource" -> {
                StubResource c = stub.list("elasticache_cluster", req.region()).stream()
                        .filter(r -> cacheArn(r).equals(req.param("ResourceName"))).findFirst().orElse(null);
                yield result(ELASTICACHE, action, c == null ? "<TagList/>" : tags("TagList", "Tag", c));
            }
            case "monitoring:GetMetricData" -> metrics(action);
            default -> stub.error(req, 400, "InvalidAction", null, "Could not find operation " + action);
        };
    }

    private static final String RDS = "http://rds.amazonaws.com/doc/2014-10-31/";
    private static final String ELBV2 = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private static final String ELB = "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/";
    private static final String ELASTICACHE = "http://elasticache.amazonaws.com/doc/2015-02-02/";

    private Answer albs(String action) {
        List<String> names = req.params("Names.member");
        List<StubResource> all = stub.list("load_balancer", req.region()).stream()
                .filter(r -> names.isEmpty() || names.contains(r.id)).toList();
        if (!names.isEmpty() && all.isEmpty()) {
            return stub.error(req, 400, "LoadBalancerNotFound", null, "One or more load balancers not found");
        }
        return paged(ELBV2, action, all, "PageSize", "Marker", "NextMarker", items -> "<LoadBalancers>"
                + each(items, lb -> "<member>" + el("LoadBalancerArn", arn(lb)) + el("DNSName", lb.id + ".elb.amazonaws.com")
                        + el("CreatedTime", lb.created) + el("LoadBalancerName", lb.id) + el("Scheme", "internet-facing")
                        + el("VpcId", "vpc-0abc") + "<State>" + el("Code", lb.state) + "</State>"
                        + el("Type", lb.text("lb_type")) + "</member>") + "</LoadBalancers>");
    }

    private Answer classics(String action) {
        List<String> names = req.params("LoadBalancerNames.member");
        List<StubResource> all = stub.list("classic_load_balancer", req.region()).stream()
                .filter(r -> names.isEmpty() || names.contains(r.id)).toList();
        if (!names.isEmpty() && all.isEmpty()) {
            return stub.error(req, 400, "LoadBalancerNotFound", null, "There is no ACTIVE Load Balancer named "
                    + names.get(0));
        }
        return paged(ELB, action, all, "PageSize", "Marker", "NextMarker", items -> "<LoadBalancerDescriptions>"
                + each(items, lb -> "<member>" + el("LoadBalancerName", lb.id) + el("DNSName", lb.id + ".elb.amazonaws.com")
                        + el("CreatedTime", lb.created) + el("Scheme", "internet-facing") + el("VPCId", "vpc-0abc")
                        + "<Instances/></member>") + "</LoadBalancerDescriptions>");
    }

    private Answer rdsTransition(String action, String to, String... from) {
        StubResource db = stub.find("rds_instance", req.region(), req.param("DBInstanceIdentifier"));
        if (db == null) {
            return stub.error(req, 404, "DBInstanceNotFound", null, "DBInstance not found.");
        }
        if (!List.of(from).contains(db.state)) {
            return stub.error(req, 400, "InvalidDBInstanceState", null, "Instance is not in a valid state");
        }
        db.state = to;
        return result(RDS, action, "<DBInstance>" + db(db) + "</DBInstance>");
    }

    private String db(StubResource db) {
        return el("DBInstanceIdentifier", db.id) + el("DBInstanceClass", db.text("class")) + el("Engine", db.text("engine"))
                + el("DBInstanceStatus", db.state) + el("AllocatedStorage", db.number("storage"))
                + el("InstanceCreateTime", db.created) + el("AvailabilityZone", req.region() + "a")
                + el("MultiAZ", Boolean.TRUE.equals(db.attrs.get("multi_az"))) + el("EngineVersion", "16.3")
                + el("StorageType", "gp3") + el("DBInstanceArn", AwsStub.arnOf("rds", req.region(), "db:" + db.id))
                + el("DeletionProtection", false) + tags("TagList", "Tag", db);
    }

    /** GetMetricData: the S3 storage metrics of the queried buckets, newest value first. */
    private Answer metrics(String action) {
        StringBuilder results = new StringBuilder();
        List<String[]> queries = new ArrayList<>();
        for (int i = 1; req.param("MetricDataQueries.member." + i + ".Id") != null; i++) {
            String base = "MetricDataQueries.member." + i + ".MetricStat.Metric.";
            String bucket = null;
            String storage = null;
            for (int d = 1; req.param(base + "Dimensions.member." + d + ".Name") != null; d++) {
                String name = req.param(base + "Dimensions.member." + d + ".Name");
                String value = req.param(base + "Dimensions.member." + d + ".Value");
                if ("BucketName".equals(name)) {
                    bucket = value;
                } else if ("StorageType".equals(name)) {
                    storage = value;
                }
            }
            queries.add(new String[] { req.param("MetricDataQueries.member." + i + ".Id"), bucket, storage,
                    req.param(base + "MetricName") });
        }
        for (String[] q : queries) {
            StubResource bucket = stub.find("s3_bucket", "global", q[1]);
            if (bucket != null && !req.region().equals(bucket.text("region"))) {
                bucket = null; // CloudWatch holds a bucket's metrics in the bucket's own region only
            }
            Object value = bucket == null ? null : bucket.attrs.get("NumberOfObjects".equals(q[3]) ? "objects"
                    : "bytes_" + q[2]);
            results.append("<member>").append(el("Id", q[0])).append(el("Label", q[3])).append(el("StatusCode", "Complete"))
                    .append("<Timestamps>").append(value == null ? "" : el("member", Instant.now().minusSeconds(86_400)))
                    .append("</Timestamps><Values>").append(value == null ? "" : el("member", value))
                    .append("</Values></member>");
        }
        return result("http://monitoring.amazonaws.com/doc/2010-08-01/", action, "<MetricDataResults>" + results
                + "</MetricDataResults>");
    }

    private Answer paged(String ns, String action, List<StubResource> all, String sizeParam, String tokenParam,
            String nextElement, Function<List<StubResource>, String> render) {
        AwsStub.Page<StubResource> page = AwsStub.page(all, req.param(tokenParam), stub.pageSize(req, sizeParam));
        return result(ns, action, render.apply(page.items()) + el(nextElement, page.next()));
    }

    private String arn(StubResource lb) {
        return AwsStub.arnOf("elasticloadbalancing", req.region(), "loadbalancer/"
                + ("network".equals(lb.text("lb_type")) ? "net/" : "app/") + lb.id + "/50dc6c495c0c9188");
    }

    private String cacheArn(StubResource c) {
        return AwsStub.arnOf("elasticache", req.region(), "cluster:" + c.id);
    }

    private static String tags(String list, String member, StubResource r) {
        return "<" + list + ">" + each(r.tags.entrySet(), (Map.Entry<String, String> e) -> "<" + member + ">"
                + el("Key", e.getKey()) + el("Value", e.getValue()) + "</" + member + ">") + "</" + list + ">";
    }

    private static Answer result(String ns, String action, String content) {
        return Answer.xml("<" + action + "Response xmlns=\"" + ns + "\"><" + action + "Result>" + content + "</" + action
                + "Result><ResponseMetadata>" + el("RequestId", AwsStub.requestId()) + "</ResponseMetadata></" + action
                + "Response>");
    }
}

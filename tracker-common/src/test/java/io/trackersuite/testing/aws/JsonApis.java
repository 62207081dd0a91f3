package io.trackersuite.testing.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.trackersuite.testing.aws.AwsStub.Answer;
import io.trackersuite.testing.aws.AwsStub.Req;

/** The JSON 1.0/1.1 protocols (X-Amz-Target): CloudWatch Logs, DynamoDB, ECS, ECR and the Resource Groups Tagging API. */
final class JsonApis {

    private final AwsStub stub;
    private final Req req;
    private final JsonNode in;

    JsonApis(AwsStub stub, Req req) {
        this.stub = stub;
        this.req = req;
        this.in = req.json() == null ? AwsStub.object() : req.json();
    }

    Answer answer(String operation) {
        return switch (req.service() + ":" + operation) {
            case "logs:DescribeLogGroups" -> {
                String prefix = text("logGroupNamePrefix");
                List<StubResource> all = stub.list("log_group", req.region()).stream()
                        .filter(g -> prefix == null || g.id.startsWith(prefix)).toList();
                AwsStub.Page<StubResource> page = AwsStub.page(all, text("nextToken"), size("limit"));
                ObjectNode body = AwsStub.object();
                ArrayNode groups = body.putArray("logGroups");
                page.items().forEach(g -> groups.addObject().put("logGroupName", g.id)
                        .put("creationTime", g.created.toEpochMilli()).put("storedBytes", g.number("stored_bytes"))
                        .put("retentionInDays", 30).put("arn", logArn(g) + ":*").put("logGroupArn", logArn(g))
                        .put("logGroupClass", "STANDARD"));
                yield next(body, "nextToken", page.next());
            }
            case "logs:ListTagsForResource" -> {
                StubResource g = stub.list("log_group", req.region()).stream()
                        .filter(r -> logArn(r).equals(text("resourceArn"))).findFirst().orElse(null);
                if (g == null) {
                    yield stub.error(req, 400, "ResourceNotFoundException", null, "The specified log group does not exist.");
                }
                ObjectNode body = AwsStub.object();
                ObjectNode tags = body.putObject("tags");
                g.tags.forEach(tags::put);
                yield Answer.json(200, body);
            }
            case "logs:DeleteLogGroup" -> {
                StubResource g = stub.find("log_group", req.region(), text("logGroupName"));
                if (g == null) {
                    yield stub.error(req, 400, "ResourceNotFoundException", null, "The specified log group does not exist.");
                }
                stub.list("log_group", req.region()).remove(g);
                yield Answer.json(200, AwsStub.object());
            }
            case "dynamodb:ListTables" -> {
                List<String> names = stub.list("dynamodb_table", req.region()).stream().map(t -> t.id).toList();
                String start = text("ExclusiveStartTableName");
                int from = start == null ? 0 : names.indexOf(start) + 1;
                int to = Math.min(names.size(), from + size("Limit"));
                ObjectNode body = AwsStub.object();
                ArrayNode list = body.putArray("TableNames");
                names.subList(from, to).forEach(list::add);
                yield next(body, "LastEvaluatedTableName", to < names.size() ? names.get(to - 1) : null);
            }
            case "dynamodb:DescribeTable" -> {
                StubResource t = stub.find("dynamodb_table", req.region(), text("TableName"));
                if (t == null) {
                    yield stub.error(req, 400, "ResourceNotFoundException", null, "Requested resource not found");
                }
                ObjectNode body = AwsStub.object();
                ObjectNode table = body.putObject("Table");
                boolean onDemand = "PAY_PER_REQUEST".equals(t.text("billing"));
                table.put("TableName", t.id).put("TableArn", tableArn(t)).put("TableStatus", t.state)
                        .put("CreationDateTime", t.created.getEpochSecond()).put("TableSizeBytes", t.number("size_bytes"))
                        .put("ItemCount", 10);
                table.putObject("BillingModeSummary").put("BillingMode", onDemand ? "PAY_PER_REQUEST" : "PROVISIONED");
                table.putObject("ProvisionedThroughput").put("ReadCapacityUnits", onDemand ? 0 : t.number("rcu"))
                        .put("WriteCapacityUnits", onDemand ? 0 : t.number("wcu")).put("NumberOfDecreasesToday", 0);
                yield Answer.json(200, body);
            }
            case "dynamodb:ListTagsOfResource" -> {
                StubResource t = stub.list("dynamodb_table", req.region()).stream()
                        .filter(r -> tableArn(r).equals(text("ResourceArn"))).findFirst().orElse(null);
                ObjectNode body = AwsStub.object();
                ArrayNode tags = body.putArray("Tags");
                if (t != null) {
                    t.tags.forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
                }
                yield Answer.json(200, body);
            }
            case "ecs:ListClusters" -> {
                AwsStub.Page<StubResource> page = AwsStub.page(stub.list("ecs_cluster", req.region()), text("nextToken"),
                        size("maxResults"));
                ObjectNode body = AwsStub.object();
                ArrayNode arns = body.putArray("clusterArns");
                page.items().forEach(c -> arns.add(clusterArn(c)));
                yield next(body, "nextToken", page.next());
            }
            case "ecs:DescribeClusters" -> {
                ObjectNode body = AwsStub.object();
                ArrayNode clusters = body.putArray("clusters");
                body.putArray("failures");
                in.path("clusters").forEach(arn -> stub.list("ecs_cluster", req.region()).stream()
                        .filter(c -> clusterArn(c).equals(arn.asText()) || c.id.equals(arn.asText())).findFirst()
                        .ifPresent(c -> {
                            ObjectNode node = clusters.addObject().put("clusterArn", clusterArn(c))
                                    .put("clusterName", c.id).put("status", c.state).put("runningTasksCount", 2)
                                    .put("activeServicesCount", 1).put("registeredContainerInstancesCount", 0);
                            ArrayNode tags = node.putArray("tags");
                            c.tags.forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
                        }));
                yield Answer.json(200, body);
            }
            case "ecr:DescribeRepositories" -> {
                List<StubResource> all = stub.list("ecr_repository", req.region());
                List<String> named = new ArrayList<>();
                in.path("repositoryNames").forEach(n -> named.add(n.asText()));
                if (!named.isEmpty()) {
                    all = all.stream().filter(r -> named.contains(r.id)).toList();
                    if (all.size() < named.size()) {
                        yield repositoryNotFound(named.get(0));
                    }
                }
                AwsStub.Page<StubResource> page = AwsStub.page(all, text("nextToken"), size("maxResults"));
                ObjectNode body = AwsStub.object();
                ArrayNode repositories = body.putArray("repositories");
                page.items().forEach(r -> {
                    ObjectNode repo = repositories.addObject().put("repositoryArn", repositoryArn(r))
                            .put("registryId", AwsStub.ACCOUNT).put("repositoryName", r.id)
                            .put("repositoryUri", AwsStub.ACCOUNT + ".dkr.ecr." + req.region() + ".amazonaws.com/" + r.id)
                            .put("createdAt", r.created.getEpochSecond()).put("imageTagMutability", "MUTABLE");
                    repo.putObject("imageScanningConfiguration").put("scanOnPush", false);
                    repo.putObject("encryptionConfiguration").put("encryptionType", "AES256");
                });
                yield next(body, "nextToken", page.next());
            }
            case "ecr:DescribeImages" -> {
                StubResource repo = stub.find("ecr_repository", req.region(), text("repositoryName"));
                if (repo == null) {
                    yield repositoryNotFound(text("repositoryName"));
                }
                AwsStub.Page<Long> page = AwsStub.page(imageSizes(repo), text("nextToken"), size("maxResults"));
                ObjectNode body = AwsStub.object();
                ArrayNode images = body.putArray("imageDetails");
                for (int i = 0; i < page.items().size(); i++) {
                    images.addObject().put("registryId", AwsStub.ACCOUNT).put("repositoryName", repo.id)
                            .put("imageDigest", "sha256:" + String.format("%064x", i + 1))
                            .put("imageSizeInBytes", page.items().get(i))
                            .put("imagePushedAt", repo.created.getEpochSecond());
                }
                yield next(body, "nextToken", page.next());
            }
            case "ecr:ListTagsForResource" -> {
                StubResource repo = stub.list("ecr_repository", req.region()).stream()
                        .filter(r -> repositoryArn(r).equals(text("resourceArn"))).findFirst().orElse(null);
                if (repo == null) {
                    yield repositoryNotFound(text("resourceArn"));
                }
                ObjectNode body = AwsStub.object();
                ArrayNode tags = body.putArray("tags");
                repo.tags.forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
                yield Answer.json(200, body);
            }
            case "ecr:DeleteRepository" -> {
                StubResource repo = stub.find("ecr_repository", req.region(), text("repositoryName"));
                if (repo == null) {
                    yield repositoryNotFound(text("repositoryName"));
                }
                if (!imageSizes(repo).isEmpty() && !in.path("force").asBoolean(false)) {
                    yield stub.error(req, 400, "RepositoryNotEmptyException", null, "The repository with name '"
                            + repo.id + "' in registry with id '" + AwsStub.ACCOUNT + "' cannot be deleted because it "
                            + "still contains images");
                }
                stub.list("ecr_repository", req.region()).remove(repo);
                ObjectNode body = AwsStub.object();
                body.putObject("repository").put("repositoryArn", repositoryArn(repo)).put("repositoryName", repo.id)
                        .put("registryId", AwsStub.ACCOUNT);
                yield Answer.json(200, body);
            }
            case "tagging:GetResources" -> {
                List<String> filters = new ArrayList<>();
                in.path("ResourceTypeFilters").forEach(f -> filters.add(f.asText()));
                List<String[]> tagged = new ArrayList<>();
                Map<String, String> types = Map.of("lambda:function", "lambda_function", "logs:log-group", "log_group",
                        "dynamodb:table", "dynamodb_table", "elasticache:cluster", "elasticache_cluster",
                        "ecr:repository", "ecr_repository");
                List<ObjectNode> mappings = new ArrayList<>();
                types.forEach((filter, type) -> {
                    if (filters.contains(filter) && stub.taggingApiCovers(filter)) {
                        stub.list(type, req.region()).stream().filter(r -> !r.tags.isEmpty())
                                .forEach(r -> mappings.add(mapping(arnOf(type, r), r)));
                    }
                });
                if (filters.contains("s3") && stub.taggingApiCovers("s3")) {
                    stub.list("s3_bucket", "global").stream()
                            .filter(b -> req.region().equals(b.text("region")) && !b.tags.isEmpty())
                            .forEach(b -> mappings.add(mapping("arn:aws:s3:::" + b.id, b)));
                }
                AwsStub.Page<ObjectNode> page = AwsStub.page(mappings, text("PaginationToken"), size("ResourcesPerPage"));
                ObjectNode body = AwsStub.object();
                body.putArray("ResourceTagMappingList").addAll(page.items());
                body.put("PaginationToken", page.next() == null ? "" : page.next());
                yield Answer.json(200, body);
            }
            default -> stub.error(req, 400, "UnknownOperationException", null, "Unknown operation " + operation);
        };
    }

    private String arnOf(String type, StubResource r) {
        return switch (type) {
            case "lambda_function" -> AwsStub.arnOf("lambda", req.region(), "function:" + r.id);
            case "log_group" -> logArn(r);
            case "dynamodb_table" -> tableArn(r);
            case "ecr_repository" -> repositoryArn(r);
            default -> AwsStub.arnOf("elasticache", req.region(), "cluster:" + r.id);
        };
    }

    private static ObjectNode mapping(String arn, StubResource r) {
        ObjectNode node = AwsStub.object().put("ResourceARN", arn);
        ArrayNode tags = node.putArray("Tags");
        r.tags.forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        return node;
    }

    private String text(String field) {
        JsonNode node = in.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private int size(String field) {
        JsonNode node = in.get(field);
        return Math.min(node == null ? Integer.MAX_VALUE : node.asInt(), stub.pageSize(req, null));
    }

    private static Answer next(ObjectNode body, String field, String next) {
        if (next != null) {
            body.put(field, next);
        }
        return Answer.json(200, body);
    }

    private String logArn(StubResource g) {
        return AwsStub.arnOf("logs", req.region(), "log-group:" + g.id);
    }

    private String tableArn(StubResource t) {
        return AwsStub.arnOf("dynamodb", req.region(), "table/" + t.id);
    }

    private String repositoryArn(StubResource r) {
        return AwsStub.arnOf("ecr", req.region(), "repository/" + r.id);
    }

    /** An ECR repository's images, by size in bytes: {@code attr("image_sizes", List.of(...))}. */
    @SuppressWarnings("unchecked")
    private static List<Long> imageSizes(StubResource repo) {
        Object sizes = repo.attrs.get("image_sizes");
        return sizes == null ? List.of() : ((List<Number>) sizes).stream().map(Number::longValue).toList();
    }

    private Answer repositoryNotFound(String name) {
        return stub.error(req, 400, "RepositoryNotFoundException", null, "The repository with name '" + name
                + "' does not exist in the registry with id '" + AwsStub.ACCOUNT + "'");
    }

    private String clusterArn(StubResource c) {
        return AwsStub.arnOf("ecs", req.region(), "cluster/" + c.id);
    }
}

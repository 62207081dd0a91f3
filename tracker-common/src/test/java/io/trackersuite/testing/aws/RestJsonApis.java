package io.trackersuite.testing.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.trackersuite.testing.aws.AwsStub.Answer;
import io.trackersuite.testing.aws.AwsStub.Req;

/** The REST-JSON services: Lambda (2015-03-31 functions, 2017-03-31 tags) and EKS. */
final class RestJsonApis {

    private final AwsStub stub;
    private final Req req;

    RestJsonApis(AwsStub stub, Req req) {
        this.stub = stub;
        this.req = req;
    }

    Answer lambda() {
        String path = req.path();
        if (path.equals("/2015-03-31/functions/") || path.equals("/2015-03-31/functions")) {
            AwsStub.Page<StubResource> page = AwsStub.page(stub.list("lambda_function", req.region()),
                    req.query().get("Marker"), stub.pageSize(req, "MaxItems"));
            ObjectNode body = AwsStub.object();
            ArrayNode functions = body.putArray("Functions");
            page.items().forEach(f -> functions.add(function(f)));
            if (page.next() != null) {
                body.put("NextMarker", page.next());
            }
            return ok(body);
        }
        if (path.startsWith("/2017-03-31/tags/")) {
            String arn = URLDecoder.decode(path.substring("/2017-03-31/tags/".length()), StandardCharsets.UTF_8);
            StubResource f = stub.list("lambda_function", req.region()).stream().filter(r -> arn(r).equals(arn))
                    .findFirst().orElse(null);
            if (f == null) {
                return stub.error(req, 404, "ResourceNotFoundException", null, "Function not found: " + arn);
            }
            ObjectNode body = AwsStub.object();
            ObjectNode tags = body.putObject("Tags");
            f.tags.forEach(tags::put);
            return ok(body);
        }
        if (path.startsWith("/2015-03-31/functions/")) {
            String name = URLDecoder.decode(path.substring("/2015-03-31/functions/".length()), StandardCharsets.UTF_8)
                    .replaceAll("/$", "");
            StubResource f = stub.find("lambda_function", req.region(), name);
            if (f == null) {
                return stub.error(req, 404, "ResourceNotFoundException", null, "Function not found: " + name);
            }
            if ("DELETE".equals(req.method())) {
                stub.list("lambda_function", req.region()).remove(f);
                return new Answer(204, "application/json", "", Map.of());
            }
            ObjectNode body = AwsStub.object();
            body.set("Configuration", function(f).put("State", "Active"));
            return ok(body);
        }
        return stub.error(req, 404, "ResourceNotFoundException", null, "no route " + path);
    }

    Answer eks() {
        String path = req.path();
        if (path.equals("/clusters")) {
            AwsStub.Page<StubResource> page = AwsStub.page(stub.list("eks_cluster", req.region()),
                    req.query().get("nextToken"), stub.pageSize(req, "maxResults"));
            ObjectNode body = AwsStub.object();
            ArrayNode names = body.putArray("clusters");
            page.items().forEach(c -> names.add(c.id));
            if (page.next() != null) {
                body.put("nextToken", page.next());
            }
            return ok(body);
        }
        StubResource c = stub.find("eks_cluster", req.region(), path.substring("/clusters/".length()));
        if (c == null) {
            return stub.error(req, 404, "ResourceNotFoundException", null, "No cluster found");
        }
        ObjectNode body = AwsStub.object();
        ObjectNode cluster = body.putObject("cluster");
        cluster.put("name", c.id).put("arn", AwsStub.arnOf("eks", req.region(), "cluster/" + c.id))
                .put("createdAt", c.created.getEpochSecond()).put("version", "1.31").put("status", c.state)
                .put("platformVersion", "eks.7");
        ObjectNode tags = cluster.putObject("tags");
        c.tags.forEach(tags::put);
        return ok(body);
    }

    private ObjectNode function(StubResource f) {
        ObjectNode node = AwsStub.object();
        node.put("FunctionName", f.id).put("FunctionArn", arn(f)).put("Runtime", "python3.12").put("MemorySize", 128)
                .put("Timeout", 3).put("CodeSize", 1024).put("LastModified", AwsStub.lambdaTime(f.created));
        node.putArray("Architectures").add("x86_64");
        return node;
    }

    private String arn(StubResource f) {
        return AwsStub.arnOf("lambda", req.region(), "function:" + f.id);
    }

    private static Answer ok(ObjectNode body) {
        Answer a = Answer.json(200, body);
        return new Answer(200, "application/json", a.body(), Map.of());
    }
}

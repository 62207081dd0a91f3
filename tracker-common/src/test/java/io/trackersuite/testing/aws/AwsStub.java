package io.trackersuite.testing.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the AWS APIs the scanner calls, speaking their real wire formats: EC2 query with EC2 XML; the
 * awsQuery XML of RDS, IAM, ELB (both), ElastiCache, CloudWatch and STS; S3 REST-XML (path style); the JSON 1.0/1.1
 * protocols of DynamoDB, CloudWatch Logs, ECS and ECR; the REST-JSON of Lambda and EKS. One endpoint serves every service
 * and region: like AWS, it reads both from the SigV4 credential scope of each request. It holds a small account whose
 * resources tests add, paginates every list, and can inject latency, throttling, AccessDenied and opt-in regions.
 */
public final class AwsStub implements AutoCloseable {

    public static final String ACCOUNT = "123456789012";
    /** What STS AssumeRole hands out: the calls signed with it are the assumed role's. */
    public static final StubCredentials ASSUMED_ROLE = StubCredentials.temporary();
    private static final Pattern SCOPE = Pattern.compile("Credential=([^/]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;
    private static final DateTimeFormatter LAMBDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, List<StubResource>> resources = new ConcurrentHashMap<>();
    private final Map<String, String> regionOptIn = new ConcurrentHashMap<>();
    private final Map<String, String> denied = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private final Set<String> taggingApiOmits = ConcurrentHashMap.newKeySet();
    private final Queue calls = new Queue();
    private volatile Duration latency = Duration.ZERO;
    private volatile int pageSize = 3;

    /** Every request the stub answered: service, region, operation and the access key id that signed it. */
    public record Call(String service, String region, String operation, String accessKeyId) {
    }

    private static final class Queue extends ConcurrentLinkedQueue<Call> {
    }

    /**
     * One answered request and its answer, as {@link #record recorded}: the request as sent (raw path, query and
     * body; no headers but the JSON protocols' target, so no signature) and the answer as given.
     */
    public record Exchange(String service, String method, String path, String query, String target, String body,
            int status, String contentType, Map<String, String> headers, String answer) {
    }

    private volatile Consumer<Exchange> recorder;

    public AwsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        for (String region : List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1")) {
            regionOptIn.put(region, "opt-in-not-required");
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ---- the account ---------------------------------------------------------------------------------------------

    public AwsStub region(String region, String optInStatus) {
        regionOptIn.put(region, optInStatus);
        return this;
    }

    public StubResource add(String type, String region, String id, String state) {
        StubResource r = new StubResource(type, region, id, state, Instant.parse("2025-06-01T10:00:00Z"));
        resources.computeIfAbsent(key(type, region), k -> new CopyOnWriteArrayList<>()).add(r);
        return r;
    }

    public List<StubResource> list(String type, String region) {
        return resources.getOrDefault(key(type, region), List.of());
    }

    public StubResource find(String type, String region, String id) {
        return list(type, region).stream().filter(r -> r.id.equals(id)).findFirst().orElse(null);
    }

    public void reset() {
        resources.clear();
        denied.clear();
        throttled.clear();
        taggingApiOmits.clear();
        calls.clear();
        latency = Duration.ZERO;
        pageSize = 3;
        regionOptIn.keySet().removeIf(r -> !Set.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1",
                "eu-central-1").contains(r));
    }

    public void latency(Duration latency) {
        this.latency = latency;
    }

    public void pageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    /** Every call of {@code service} in {@code region} fails with the service's AccessDenied error. */
    public void deny(String service, String region) {
        denied.put(service + "/" + region, "deny");
    }

    /**
     * Every call of {@code service} in {@code region} fails with 403 and no body, as some AWS-compatible endpoints
     * (and S3's HEAD requests) answer: no error code, no message.
     */
    public void failWithoutBody(String service, String region) {
        denied.put(service + "/" + region, "bare");
    }

    /**
     * The Resource Groups Tagging API answers but never lists resources of this type filter (e.g.
     * {@code lambda:function}), as AWS-compatible endpoints that cover only some types (or restricted accounts) do.
     */
    public void taggingApiOmits(String typeFilter) {
        taggingApiOmits.add(typeFilter);
    }

    boolean taggingApiCovers(String typeFilter) {
        return !taggingApiOmits.contains(typeFilter);
    }

    /** The next {@code times} calls of {@code service} are answered with its throttling error. */
    public void throttle(String service, int times) {
        throttled.put(service, new AtomicInteger(times));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Hands every request answered from now on to {@code recorder}, with its answer; null stops recording. */
    public void record(Consumer<Exchange> recorder) {
        this.recorder = recorder;
    }

    private static String key(String type, String region) {
        return type + "@" + region;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    // ---- dispatch ------------------------------------------------------------------------------------------------

    record Req(HttpExchange exchange, String service, String region, String method, String path,
            Map<String, String> query, Map<String, String> form, JsonNode json, String target) {

        String param(String name) {
            return form.containsKey(name) ? form.get(name) : query.get(name);
        }

        /** Values of a query-protocol list: Name.1, Name.2, ... (or Name.member.1 for awsQuery). */
        List<String> params(String prefix) {
            List<String> values = new ArrayList<>();
            for (int i = 1;; i++) {
                String v = param(prefix + "." + i);
                if (v == null) {
                    return values;
                }
                values.add(v);
            }
        }
    }

    record Answer(int status, String contentType, String body, Map<String, String> headers) {
        static Answer xml(String body) {
            return new Answer(200, "text/xml", body, Map.of());
        }

        static Answer json(int status, Object body) {
            try {
                return new Answer(status, "application/x-amz-json-1.1", JSON.writeValueAsString(body), Map.of());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bodyBytes;
            try (InputStream in = exchange.getRequestBody()) {
                bodyBytes = in.readAllBytes();
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher scope = auth == null ? null : SCOPE.matcher(auth);
            if (scope == null || !scope.find()) {
                send(exchange, new Answer(403, "text/plain", "missing SigV4 signature", Map.of()));
                return;
            }
            String body = new String(bodyBytes, StandardCharsets.UTF_8);
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Req req = new Req(exchange, scope.group(3), scope.group(2), exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), decodeForm(exchange.getRequestURI().getRawQuery()),
                    contentType.startsWith("application/x-www-form-urlencoded") ? decodeForm(body) : Map.of(),
                    target != null && !body.isEmpty() ? JSON.readTree(body) : null, target);
            String operation = operation(req);
            calls.add(new Call(req.service, req.region, operation, scope.group(1)));
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            Answer answer = answer(req, operation);
            Consumer<Exchange> recording = recorder;
            if (recording != null) {
                recording.accept(new Exchange(req.service, req.method, req.path,
                        exchange.getRequestURI().getRawQuery(), target, body, answer.status, answer.contentType,
                        answer.headers, answer.body));
            }
            send(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(exchange, new Answer(500, "text/plain", "stub failure: " + e, Map.of()));
        }
    }

    private static String operation(Req req) {
        if (req.target != null) {
            return req.target.substring(req.target.indexOf('.') + 1);
        }
        if (req.param("Action") != null) {
            return req.param("Action");
        }
        return req.method + " " + req.path + (req.query.isEmpty() ? "" : "?" + String.join("&", req.query.keySet()));
    }

    private Answer answer(Req req, String operation) {
        String service = req.service;
        if (!"sts".equals(service) && !regionOptIn.containsKey(req.region) && !"iam".equals(service)
                && !"s3".equals(service) || "not-opted-in".equals(regionOptIn.get(req.region))) {
            // AWS rejects calls into a region the account has not enabled
            return error(req, 401, "AuthFailure", "UnrecognizedClientException",
                    "AWS was not able to validate the provided access credentials");
        }
        if ("bare".equals(denied.get(service + "/" + req.region))) {
            return new Answer(403, "text/plain", "", Map.of());
        }
        if (denied.containsKey(service + "/" + req.region)) {
            return error(req, 403, "UnauthorizedOperation", "AccessDeniedException",
                    "User: arn:aws:iam::" + ACCOUNT + ":user/scanner is not authorized to perform this operation");
        }
        AtomicInteger throttle = throttled.get(service);
        if (throttle != null && throttle.getAndDecrement() > 0) {
            return throttling(req);
        }
        return switch (service) {
            case "ec2" -> new Ec2Api(this, req).answer(operation);
            case "s3" -> new S3Api(this, req).answer();
            case "lambda" -> new RestJsonApis(this, req).lambda();
            case "eks" -> new RestJsonApis(this, req).eks();
            case "logs", "dynamodb", "ecs", "ecr", "tagging" -> new JsonApis(this, req).answer(operation);
            default -> new QueryApis(this, req).answer(operation);
        };
    }

    private Answer throttling(Req req) {
        return switch (req.service) {
            case "ec2" -> error(req, 503, "RequestLimitExceeded", null, "Request limit exceeded.");
            case "s3" -> error(req, 503, "SlowDown", null, "Please reduce your request rate.");
            case "lambda", "eks" -> error(req, 429, "TooManyRequestsException", null, "Rate exceeded");
            default -> error(req, 400, "Throttling", "ThrottlingException", "Rate exceeded");
        };
    }

    /** An error in the service's own format; {@code jsonCode} for the JSON protocols where AWS names it differently. */
    Answer error(Req req, int status, String code, String jsonCode, String message) {
        String requestId = UUID.randomUUID().toString();
        return switch (req.service) {
            case "ec2" -> new Answer(status, "text/xml", "<Response><Errors><Error><Code>" + x(code) + "</Code><Message>"
                    + x(message) + "</Message></Error></Errors><RequestID>" + requestId + "</RequestID></Response>",
                    Map.of());
            case "s3" -> new Answer(status, "application/xml", "<Error><Code>" + x(code) + "</Code><Message>"
                    + x(message) + "</Message><RequestId>" + requestId + "</RequestId></Error>", Map.of());
            case "lambda", "eks" -> new Answer(status, "application/json",
                    "{\"message\":" + jsonString(message) + "}",
                    Map.of("X-Amzn-ErrorType", jsonCode != null ? jsonCode : code, "x-amzn-RequestId", requestId));
            case "logs", "dynamodb", "ecs", "ecr", "tagging" -> new Answer(status, "application/x-amz-json-1.1",
                    "{\"__type\":" + jsonString(jsonCode != null ? jsonCode : code) + ",\"message\":"
                            + jsonString(message) + "}", Map.of("x-amzn-RequestId", requestId));
            default -> new Answer(status, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>" + x(code)
                    + "</Code><Message>" + x(message) + "</Message></Error><RequestId>" + requestId
                    + "</RequestId></ErrorResponse>", Map.of());
        };
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        answer.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean noBody = answer.status == 204 || bytes.length == 0;
        exchange.sendResponseHeaders(answer.status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> decodeForm(String raw) {
        Map<String, String> map = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return map;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            map.put(k, v);
        }
        return map;
    }

    // ---- helpers shared by the protocol classes -----------------------------------------------------------------

    int pageSize(Req req, String sizeParam) {
        String asked = sizeParam == null ? null : req.param(sizeParam);
        int max = asked == null ? Integer.MAX_VALUE : Integer.parseInt(asked);
        return Math.min(max, pageSize);
    }

    /** One page of a list from an offset token; the next token is the next offset, or null at the end. */
    static <T> Page<T> page(List<T> all, String token, int size) {
        int from = token == null || token.isEmpty() ? 0 : Integer.parseInt(token);
        int to = Math.min(all.size(), from + size);
        return new Page<>(all.subList(Math.min(from, all.size()), to), to < all.size() ? String.valueOf(to) : null);
    }

    record Page<T>(List<T> items, String next) {
    }

    static String x(Object value) {
        if (value == null) {
            return "";
        }
        return value.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** {@code <name>value</name>}, nothing when the value is null. */
    static String el(String name, Object value) {
        return value == null ? "" : "<" + name + ">" + x(value instanceof Instant i ? ISO.format(i) : value) + "</" + name
                + ">";
    }

    static <T> String each(Collection<T> items, Function<T, String> render) {
        return items.stream().map(render).collect(Collectors.joining());
    }

    static String lambdaTime(Instant instant) {
        return LAMBDA_TIME.format(instant);
    }

    static String jsonString(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    Map<String, String> regionOptIn() {
        return regionOptIn;
    }

    static String arnOf(String service, String region, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":" + resource;
    }

    static String requestId() {
        return UUID.randomUUID().toString();
    }
}

package io.trackersuite.scanner.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A loopback endpoint that answers AWS calls with answers recorded from the AWS stub of the tests (real wire formats:
 * EC2 and query XML, the JSON protocols, S3's REST XML), for the scanner's start-up rehearsal. A request is matched
 * exactly (service, method, path, query and body) or else by its operation and page token, so calls that carry a
 * time (CloudWatch's window) still get an answer and every page leads to the next. Nothing here reaches AWS.
 */
public final class AwsReplay implements AutoCloseable {

    /** Where the recording is, on the class path; {@code deploy/bench/rehearsal-answers.sh} records it again. */
    public static final String RECORDING = "aws/rehearsal-answers.jsonl.gz";
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    /** The names AWS's APIs give the token of the next page, in queries, forms and JSON bodies. */
    private static final Set<String> PAGE_TOKENS = Set.of("nexttoken", "marker", "continuation-token",
            "paginationtoken", "exclusivestarttablename", "startingtoken");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded answer (the fields of the tests' {@code AwsStub.Exchange}). */
    record Recorded(String service, String method, String path, String query, String target, String body,
            int status, String contentType, Map<String, String> headers, String answer) {
    }

    private record Answer(int status, String contentType, Map<String, String> headers, Buffer body) {
    }

    private final Vertx vertx;
    private final Map<String, Answer> exact = new HashMap<>();
    private final Map<String, Answer> byOperation = new HashMap<>();
    private HttpServer server;

    private AwsReplay(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The recording on the class path, or null when the build has none. */
    public static AwsReplay fromClassPath(Vertx vertx) {
        InputStream in = AwsReplay.class.getClassLoader().getResourceAsStream(RECORDING);
        return in == null ? null : read(vertx, in);
    }

    /** Reads a recording: gzipped JSON lines, one {@link Recorded} exchange each. */
    static AwsReplay read(Vertx vertx, InputStream gzipped) {
        AwsReplay replay = new AwsReplay(vertx);
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(gzipped), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    replay.add(JSON.readValue(line, Recorded.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the rehearsal's AWS answers could not be read", e);
        }
        return replay;
    }

    private void add(Recorded r) {
        Answer answer = new Answer(r.status(), r.contentType(), r.headers() == null ? Map.of() : r.headers(),
                Buffer.buffer(r.answer() == null ? "" : r.answer()));
        exact.putIfAbsent(exactKey(r.service(), r.method(), r.path(), r.query(), r.body()), answer);
        byOperation.putIfAbsent(operationKey(r.service(), r.method(), r.path(), r.query(), r.target(), r.body()),
                answer);
    }

    /** Answers on an ephemeral loopback port; completes with the endpoint to point the SDK clients at. */
    public Future<URI> listen() {
        return vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> answer(request, body.toString())))
                .listen(0, "127.0.0.1")
                .map(started -> {
                    server = started;
                    return URI.create("http://127.0.0.1:" + started.actualPort());
                });
    }

    private void answer(HttpServerRequest request, String body) {
        Matcher scope = SCOPE.matcher(String.valueOf(request.getHeader("Authorization")));
        String service = scope.find() ? scope.group(1) : "";
        String path = request.path();
        String query = request.query();
        Answer answer = exact.get(exactKey(service, request.method().name(), path, query, body));
        if (answer == null) {
            answer = byOperation.get(operationKey(service, request.method().name(), path, query,
                    request.getHeader("X-Amz-Target"), body));
        }
        if (answer == null) {
            request.response().setStatusCode(404).putHeader("Content-Type", "text/plain")
                    .end("no recorded answer for " + service + " " + request.method() + " " + path);
            return;
        }
        var response = request.response().setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        response.putHeader("Content-Type", answer.contentType());
        response.end(answer.body());
    }

    private static String exactKey(String service, String method, String path, String query, String body) {
        return service + ' ' + method + ' ' + path + '?' + (query == null ? "" : query) + '\n'
                + (body == null ? "" : body);
    }

    /** The operation as AWS names it (JSON target, query Action, or the REST method and path) and its page token. */
    private static String operationKey(String service, String method, String path, String query, String target,
            String body) {
        Map<String, String> queryParams = form(query);
        Map<String, String> params = new HashMap<>(queryParams);
        JsonNode json = null;
        if (body != null && body.startsWith("{")) {
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = null;
            }
        } else if (body != null && !body.isEmpty()) {
            params.putAll(form(body));
        }
        String operation = target != null ? target.substring(target.indexOf('.') + 1)
                : params.containsKey("Action") ? params.get("Action")
                : method + ' ' + path + (queryParams.isEmpty() ? "" : "?" + String.join("&",
                        queryParams.keySet().stream().sorted().toList()));
        return service + ' ' + operation + ' ' + pageToken(params, json);
    }

    private static String pageToken(Map<String, String> params, JsonNode json) {
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (PAGE_TOKENS.contains(param.getKey().toLowerCase(Locale.ROOT))) {
                return param.getValue();
            }
        }
        if (json != null) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (PAGE_TOKENS.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                    return field.getValue().toString();
                }
            }
        }
        return "";
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            new QueryStringDecoder(raw, false).parameters().forEach((name, values) -> params.put(name, values.get(0)));
        }
        return params;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}

package io.trackersuite.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.security.ApiKeyRing;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.ServiceProcess;
import io.trackersuite.testing.aws.AwsStub;
import io.trackersuite.testing.aws.StubCredentials;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The real neighbours of the gateway for its tests: the mock OIDC provider (quarkus-test-oidc-server), and
 * session-service and monitoring-service started as processes from their packaged jars (the reactor builds them
 * first), on the same real Redis and PostgreSQL. resource-scanner's place is taken by a small HTTP server that can be
 * slow or hang up, for the 504 and 502 cases; with the init argument {@code scanner=real} (the browser tests) the
 * real scanner runs instead, scanning the AWS stub of the tracker-common test-jar. The gateway and every service
 * export all their traces to an {@link OtlpCollector}.
 */
public class SuiteResource implements QuarkusTestResourceLifecycleManager {

    static final String VIEWER_KEY = "tsk_test-viewer_" + "v".repeat(40);
    public static final String ADMIN_KEY = "tsk_test-admin_" + "a".repeat(40);

    /** The audience of the mock provider's access tokens (and of {@link Tokens}): the services accept only it. */
    static final String TOKEN_AUDIENCE = "https://server.example.com";

    private final OidcWiremockTestResource oidc = new OidcWiremockTestResource();
    /** How each service was started, so a test can restart it as it was. */
    private record Launch(List<String> command, Map<String, String> environment, Path log) {
    }

    private static volatile SuiteResource running;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Launch> launches = new HashMap<>();
    private HttpServer scannerStandIn;
    private static volatile AwsStub aws;
    private static volatile String oidcServer;
    private boolean realScanner;
    /** With the init argument {@code oidc=keycloak}: a real Keycloak instead of the mock provider. */
    private boolean realProvider;
    private static volatile KeycloakProvider keycloak;
    private static volatile OtlpCollector traces;
    /**
     * The audiences the services accept: that of {@link Tokens}, and the mock provider's code-flow access tokens,
     * which carry the gateway's client id (quarkus.test.oidc.token.audience in the pom, which its ID tokens need).
     */
    private String audience = TOKEN_AUDIENCE + ",tracker-gateway";
    private String presenceMaxConnections = "50";

    /** The real provider of a suite started with {@code oidc=keycloak}. */
    static KeycloakProvider keycloak() {
        return keycloak;
    }

    /** The spans the gateway and the services exported. */
    static OtlpCollector traces() {
        return traces;
    }

    /** The AWS account the real scanner sees (browser tests only). */
    static AwsStub aws() {
        return aws;
    }

    /**
     * Teaches the mock OIDC provider a user: its login form, submitted with this username, answers with a code of
     * that user, and the token endpoint exchanges the code for tokens carrying these roles. (Out of the box the
     * provider signs everybody in as alice with the admin roles.)
     */
    static void teachUser(String username, Set<String> roles) {
        String code = username + "-code";
        JsonObject login = new JsonObject()
                .put("priority", 1)
                .put("request", new JsonObject().put("method", "GET").put("urlPath", "/login")
                        .put("queryParameters", new JsonObject().put("username", new JsonObject().put("equalTo", username))))
                .put("response", new JsonObject().put("status", 302)
                        .put("headers", new JsonObject().put("Location",
                                "{{request.query.redirect_uri}}?state={{request.query.state}}&code=" + code))
                        .put("transformers", new JsonArray().add("response-template")));
        JsonObject tokens = new JsonObject()
                .put("priority", 1)
                .put("request", new JsonObject().put("method", "POST").put("urlPath", "/auth/realms/quarkus/token")
                        .put("bodyPatterns", new JsonArray().add(new JsonObject().put("contains", "code=" + code))))
                .put("response", new JsonObject().put("status", 200)
                        .put("headers", new JsonObject().put("Content-Type", "application/json"))
                        .put("jsonBody", new JsonObject()
                                .put("access_token", OidcWiremockTestResource.getAccessToken(username, roles))
                                .put("id_token", OidcWiremockTestResource.getIdToken(username, roles))
                                .put("refresh_token", UUID.randomUUID().toString())
                                .put("token_type", "Bearer")
                                .put("expires_in", 300)));
        HttpClient client = HttpClient.newHttpClient();
        for (JsonObject mapping : List.of(login, tokens)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(oidcServer + "/__admin/mappings"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapping.encode())).build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("mock OIDC provider refused a mapping: " + response.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void init(Map<String, String> initArgs) {
        realScanner = "real".equals(initArgs.get("scanner"));
        realProvider = "keycloak".equals(initArgs.get("oidc"));
        presenceMaxConnections = initArgs.getOrDefault("presence-max-connections", presenceMaxConnections);
    }

    /**
     * Kills a service as a node failure would (no goodbye to its clients), lets the test look at the outage, then
     * starts it again on the same port and waits until it is ready.
     */
    static void killAndRestart(String name, Runnable duringOutage) throws InterruptedException {
        SuiteResource suite = running;
        ServiceProcess old = suite.services.get(name);
        old.kill();
        duringOutage.run();
        Launch launch = suite.launches.get(name);
        ServiceProcess restarted = old.relaunch(launch.command(), launch.environment(), launch.log());
        suite.services.put(name, restarted);
        restarted.awaitReady(Duration.ofSeconds(90));
    }

    @Override
    public Map<String, String> start() {
        running = this;
        Map<String, String> config;
        if (realProvider) {
            int gatewayPort = ServiceProcess.freePort();
            keycloak = KeycloakProvider.start(gatewayPort);
            config = new HashMap<>(KeycloakProvider.gatewayConfig(keycloak, gatewayPort));
            audience = "tracker-suite"; // the local realm's audience mapper
        } else {
            config = new HashMap<>(oidc.start());
            oidcServer = config.get("keycloak.url").replaceAll("/auth/?$", "");
        }
        traces = new OtlpCollector();
        String issuerUrl = config.get("keycloak.url") + "/realms/quarkus/";
        String redis = "redis://" + RedisProxyResource.env("REDIS_HOST", "localhost") + ":"
                + RedisProxyResource.env("REDIS_PORT", "6379") + "/1";
        // both boot side by side, then each is awaited
        ServiceProcess session = launch("session-service", Map.of(
                "REDIS_URL", redis,
                "OIDC_AUTH_SERVER_URL", issuerUrl,
                "OIDC_AUDIENCE", audience,
                "TRUSTED_PROXIES", "127.0.0.1/32,::1/128",
                "INSTANCE_METADATA_ENABLED", "false",
                "PRESENCE_MAX_CONNECTIONS", presenceMaxConnections,
                // every browser and client of the tests comes from loopback: one address may take every seat
                "PRESENCE_MAX_CONNECTIONS_PER_IP", presenceMaxConnections));
        ServiceProcess monitoring = launch("monitoring-service", Map.of(
                "REDIS_URL", redis,
                "OIDC_AUTH_SERVER_URL", issuerUrl,
                "OIDC_AUDIENCE", audience,
                "DB_URL", PostgresProxyResource.directJdbcUrl("monitoring_test"),
                "DB_USER", "monitoring",
                "DB_PASSWORD", "monitoring"));
        ServiceProcess scanner = realScanner ? launchScanner(issuerUrl) : null;
        session.awaitReady(Duration.ofSeconds(90));
        monitoring.awaitReady(Duration.ofSeconds(90));
        int scannerPort;
        if (scanner != null) {
            scanner.awaitReady(Duration.ofSeconds(90));
            scannerPort = scanner.base().getPort();
        } else {
            scannerPort = startScannerStandIn();
        }
        // every trace sampled at the gateway (the services follow its decision), exported at once
        config.put("quarkus.otel.sdk.disabled", "false");
        config.put("quarkus.otel.traces.sampler.arg", "1");
        config.put("quarkus.otel.exporter.otlp.endpoint", traces.endpoint().toString());
        config.put("quarkus.otel.exporter.otlp.protocol", "http/protobuf");
        config.put("quarkus.otel.bsp.schedule.delay", "100ms");
        config.put("SESSION_SERVICE_URL", "http://localhost:" + session.base().getPort());
        config.put("MONITORING_SERVICE_URL", "http://localhost:" + monitoring.base().getPort());
        config.put("RESOURCE_SCANNER_URL", "http://localhost:" + scannerPort);
        config.put("test.api-key.viewer.sha256", HexFormat.of().formatHex(ApiKeyRing.sha256(VIEWER_KEY)));
        config.put("test.api-key.admin.sha256", HexFormat.of().formatHex(ApiKeyRing.sha256(ADMIN_KEY)));
        return config;
    }

    @Override
    public void stop() {
        for (ServiceProcess service : services.values()) {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (scannerStandIn != null) {
            scannerStandIn.stop(0);
        }
        if (aws != null) {
            aws.close();
            aws = null;
        }
        if (traces != null) {
            traces.close();
            traces = null;
        }
        if (keycloak != null) {
            keycloak.close();
            keycloak = null;
        } else {
            oidc.stop();
        }
        running = null;
    }

    private ServiceProcess launchScanner(String issuerUrl) {
        try {
            aws = new AwsStub();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        StubCredentials keys = StubCredentials.longTerm();
        return launch("resource-scanner", Map.of(
                "OIDC_AUTH_SERVER_URL", issuerUrl,
                "OIDC_AUDIENCE", audience,
                "DB_URL", PostgresProxyResource.directJdbcUrl("scanner_test"),
                "DB_USER", "scanner",
                "DB_PASSWORD", "scanner",
                "AWS_ENDPOINT_OVERRIDE", aws.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", keys.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", keys.secretAccessKey(),
                "SCAN_DEFAULT_WORKERS", "8"));
    }

    private ServiceProcess launch(String name, Map<String, String> env) {
        Path jar = Path.of("..", name, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        Map<String, String> environment = new HashMap<>(env);
        environment.putAll(Map.of("OTEL_SDK_DISABLED", "false", "OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint().toString(),
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "OTEL_TRACES_SAMPLER_ARG", "1",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms"));
        Launch launch = new Launch(ServiceProcess.javaJar(jar, "256m"), environment, Path.of("target", name + ".log"));
        ServiceProcess service = ServiceProcess.launch(launch.command(), launch.environment(), launch.log());
        services.put(name, service);
        launches.put(name, launch);
        return service;
    }

    /** /api/v1/slow answers after 3 s (past the test timeout of 1 s); /api/v1/hang-up closes without answering. */
    private int startScannerStandIn() {
        try {
            scannerStandIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        scannerStandIn.createContext("/api/v1/slow", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        scannerStandIn.createContext("/api/v1/hang-up", exchange -> exchange.close());
        // a created scan, named by the service's own address as a service behind a proxy would
        scannerStandIn.createContext("/api/v1/scans", exchange -> {
            exchange.getResponseHeaders().set("Location",
                    "http://localhost:" + scannerStandIn.getAddress().getPort() + "/api/v1/scans/42");
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        scannerStandIn.createContext("/api/v1/docs", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        scannerStandIn.createContext("/api/v1/resources/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        // the request's headers, a blank line and its body, as a stream of unknown length, with a header of the
        // connection's own that is not the client's business
        scannerStandIn.createContext("/api/v1/echo", exchange -> {
            StringBuilder headers = new StringBuilder();
            exchange.getRequestHeaders().forEach((name, values) -> headers.append(name.toLowerCase())
                    .append(": ").append(String.join(",", values)).append('\n'));
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.getResponseHeaders().set("Keep-Alive", "timeout=42");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(headers.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                out.write(body);
            }
        });
        scannerStandIn.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        scannerStandIn.start();
        return scannerStandIn.getAddress().getPort();
    }
}

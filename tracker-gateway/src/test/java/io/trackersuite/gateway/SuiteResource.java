package io.trackersuite.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.gateway.security.ApiKeys;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.ServiceProcess;

/**
 * The real neighbours of the gateway for its tests: the mock OIDC provider (quarkus-test-oidc-server), and
 * session-service and monitoring-service started as processes from their packaged jars (the reactor builds them
 * first), on the same real Redis and PostgreSQL. resource-scanner's place is taken by a small HTTP server that can be
 * slow or hang up, for the 504 and 502 cases.
 */
public class SuiteResource implements QuarkusTestResourceLifecycleManager {

    static final String VIEWER_KEY = "tsk_test-viewer_" + "v".repeat(40);
    static final String ADMIN_KEY = "tsk_test-admin_" + "a".repeat(40);

    private final OidcWiremockTestResource oidc = new OidcWiremockTestResource();
    private final List<ServiceProcess> services = new ArrayList<>();
    private HttpServer scannerStandIn;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(oidc.start());
        String issuerUrl = config.get("keycloak.url") + "/realms/quarkus/";
        String redis = "redis://" + RedisProxyResource.env("REDIS_HOST", "localhost") + ":"
                + RedisProxyResource.env("REDIS_PORT", "6379") + "/1";
        String postgres = RedisProxyResource.env("POSTGRES_HOST", "localhost") + ":"
                + RedisProxyResource.env("POSTGRES_PORT", "5432");
        // both boot side by side, then each is awaited
        ServiceProcess session = launch("session-service", Map.of(
                "REDIS_URL", redis,
                "OIDC_AUTH_SERVER_URL", issuerUrl,
                "NETWORK_TRUSTED_PROXIES", "127.0.0.1/32,::1/128",
                "INSTANCE_METADATA_ENABLED", "false",
                "PRESENCE_MAX_CONNECTIONS", "50"));
        ServiceProcess monitoring = launch("monitoring-service", Map.of(
                "REDIS_URL", redis,
                "OIDC_AUTH_SERVER_URL", issuerUrl,
                "DB_URL", "jdbc:postgresql://" + postgres + "/monitoring_test",
                "DB_USER", "monitoring",
                "DB_PASSWORD", "monitoring"));
        session.awaitReady(Duration.ofSeconds(90));
        monitoring.awaitReady(Duration.ofSeconds(90));
        int scannerPort = startScannerStandIn();
        config.put("SESSION_SERVICE_URL", "http://localhost:" + session.base().getPort());
        config.put("MONITORING_SERVICE_URL", "http://localhost:" + monitoring.base().getPort());
        config.put("RESOURCE_SCANNER_URL", "http://localhost:" + scannerPort);
        config.put("test.api-key.viewer.sha256", HexFormat.of().formatHex(ApiKeys.sha256(VIEWER_KEY)));
        config.put("test.api-key.admin.sha256", HexFormat.of().formatHex(ApiKeys.sha256(ADMIN_KEY)));
        return config;
    }

    @Override
    public void stop() {
        for (ServiceProcess service : services) {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (scannerStandIn != null) {
            scannerStandIn.stop(0);
        }
        oidc.stop();
    }

    private ServiceProcess launch(String name, Map<String, String> env) {
        Path jar = Path.of("..", name, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        ServiceProcess service = ServiceProcess.launch(ServiceProcess.javaJar(jar, "256m"), env,
                Path.of("target", name + ".log"));
        services.add(service);
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
        scannerStandIn.createContext("/api/v1/echo", exchange -> {
            StringBuilder headers = new StringBuilder();
            exchange.getRequestHeaders().forEach((name, values) -> headers.append(name.toLowerCase())
                    .append(": ").append(String.join(",", values)).append('\n'));
            byte[] body = headers.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        scannerStandIn.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        scannerStandIn.start();
        return scannerStandIn.getAddress().getPort();
    }
}

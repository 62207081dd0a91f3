package io.trackersuite.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.trackersuite.testing.ServiceProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A real Keycloak for the sign-in lifecycle tests: the server distribution that {@code deploy/local/keycloak.sh
 * install} unpacks (from Maven Central), started in dev mode with an in-memory database and the local realm file, so
 * the realm's own settings (PKCE, exact redirect URIs, the suite's audience) are what the tests exercise. For the
 * tests the realm is named {@code quarkus} (the test profile's issuer path), its access tokens live
 * {@link #TOKEN_LIFESPAN_SECONDS} seconds so refreshes happen within a test, and the gateway's redirect URIs name
 * the gateway's test port.
 */
final class KeycloakProvider implements AutoCloseable {

    static final String VERSION = System.getProperty("keycloak.version", "26.7.3");
    static final int TOKEN_LIFESPAN_SECONDS = 10;
    /** The gateway client's secret in the test realm: the one the test profile configures. */
    static final String CLIENT_SECRET = "test-client-secret-0123456789abcdef";

    private final Process process;
    private final int port;

    private KeycloakProvider(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Keycloak and waits for the realm; the gateway will listen on {@code gatewayPort}. */
    static KeycloakProvider start(int gatewayPort) {
        Path dist = Path.of("..", "deploy", "local", ".run", "keycloak-" + VERSION).toAbsolutePath().normalize();
        if (!Files.isExecutable(dist.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak " + VERSION + " is not installed at " + dist
                    + ": run deploy/local/keycloak.sh install (deploy/local/tools.sh does)");
        }
        try {
            Path home = Path.of("target", "keycloak").toAbsolutePath();
            copyOnce(dist, home);
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            Files.writeString(imports.resolve("quarkus-realm.json"), testRealm(gatewayPort).encodePrettily());
            int port = ServiceProcess.freePort();
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-host=127.0.0.1", "--http-management-port=" + ServiceProcess.freePort(),
                    "--db=dev-mem", "--import-realm", "--cache=local")
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "keycloak.log").toFile());
            builder.environment().put("JAVA_HOME", javaHome());
            KeycloakProvider keycloak = new KeycloakProvider(builder.start(), port);
            try {
                ServiceProcess.awaitOk(keycloak.process, URI.create(keycloak.issuer() + "/.well-known/openid-configuration"),
                        Duration.ofMinutes(4), "Keycloak (target/keycloak.log)");
            } catch (IllegalStateException e) {
                keycloak.close();
                throw e;
            }
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base URL, as the test profile's {@code keycloak.url} expects it (the realm path follows). */
    String url() {
        return "http://localhost:" + port;
    }

    String issuer() {
        return url() + "/realms/quarkus";
    }

    /** Tokens from the password grant (a REST client trying the API), for the given client. */
    JsonObject passwordGrant(String clientId, String clientSecret, String username, String password, String scope) {
        StringBuilder form = new StringBuilder("grant_type=password&client_id=").append(clientId)
                .append("&username=").append(username).append("&password=").append(password);
        if (clientSecret != null) {
            form.append("&client_secret=").append(clientSecret);
        }
        if (scope != null) {
            form.append("&scope=").append(scope);
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(issuer() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("password grant refused: " + response.body());
            }
            return new JsonObject(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonObject testRealm(int gatewayPort) throws IOException {
        JsonObject realm = new JsonObject(Files.readString(Path.of("..", "deploy", "local", "keycloak", "tracker-realm.json")));
        realm.put("realm", "quarkus").put("accessTokenLifespan", TOKEN_LIFESPAN_SECONDS);
        String gateway = "http://localhost:" + gatewayPort;
        for (Object item : realm.getJsonArray("clients")) {
            JsonObject client = (JsonObject) item;
            if ("tracker-gateway".equals(client.getString("clientId"))) {
                client.put("secret", CLIENT_SECRET)
                        .put("redirectUris", new JsonArray(List.of(gateway + "/login/callback")));
                client.getJsonObject("attributes").put("post.logout.redirect.uris", gateway + "/signed-out");
            }
        }
        return realm;
    }

    /** The distribution, copied once per build: Keycloak writes its build output into its own home. */
    private static void copyOnce(Path dist, Path home) throws IOException {
        if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dist)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = home.resolve(dist.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.startsWith(dist.resolve("data"))) {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Keycloak needs Java 21+: KEYCLOAK_JAVA_HOME, else the first such JDK under /usr/lib/jvm. */
    private static String javaHome() throws IOException {
        String configured = System.getenv("KEYCLOAK_JAVA_HOME");
        if (configured != null) {
            return configured;
        }
        if (Runtime.version().feature() >= 21) {
            return System.getProperty("java.home");
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")))
                    .filter(jdk -> featureVersion(jdk) >= 21).map(Path::toString).sorted().findFirst()
                    .orElseThrow(() -> new IllegalStateException("Keycloak needs Java 21+: set KEYCLOAK_JAVA_HOME"));
        }
    }

    private static int featureVersion(Path jdk) {
        try {
            List<String> release = Files.readAllLines(jdk.resolve("release"));
            for (String line : release) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** The gateway's test configuration for this provider (issuer, port, the suite's audience, quick refreshes). */
    static Map<String, String> gatewayConfig(KeycloakProvider keycloak, int gatewayPort) {
        return Map.of("keycloak.url", keycloak.url(),
                "%test.quarkus.http.test-port", Integer.toString(gatewayPort),
                "%test.quarkus.oidc.bearer.token.audience", "tracker-suite",
                "quarkus.oidc.token.refresh-token-time-skew", "3s");
    }
}

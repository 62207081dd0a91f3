package io.trackersuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.trackersuite.security.ApiKeyRing;
import io.trackersuite.testing.ServiceProcess;
import io.trackersuite.testing.aws.StubCredentials;

/**
 * The dashboards and alerts that ship with the eks overlay show real figures: every metric a panel or a rule names
 * is exported by a service. The four packaged services are started on the real Redis and PostgreSQL, given a little
 * work (a proxied request, a scan that AWS cannot answer), and their /q/metrics read.
 */
class ObservabilityTest {

    /** Produced by Prometheus itself (scrape health) and by kube-state-metrics, not by the services. */
    private static final Pattern EXTERNAL = Pattern.compile("up|kube_\\w+");
    /** PromQL functions, aggregations and keywords: every other identifier of an expression is a metric. */
    private static final Set<String> PROMQL = Set.of("sum", "avg", "min", "max", "count", "rate", "irate",
            "increase", "deriv", "delta", "histogram_quantile", "min_over_time", "max_over_time", "avg_over_time",
            "clamp_min", "clamp_max", "vector", "topk", "bottomk", "abs", "and", "or", "unless", "bool", "offset");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final String KEY = "tsk_metrics-check_" + "m".repeat(40);

    private static final List<ServiceProcess> services = new ArrayList<>();
    private static final Map<String, Set<String>> exported = new LinkedHashMap<>();

    @BeforeAll
    static void startTheServicesAndReadTheirMetrics() throws Exception {
        String redis = "redis://" + env("REDIS_HOST", "localhost") + ":" + env("REDIS_PORT", "6379") + "/3";
        String postgres = "jdbc:postgresql://" + env("POSTGRES_HOST", "localhost") + ":" + env("POSTGRES_PORT", "5432");
        Map<String, String> apiKey = Map.of("TRACKER_API_KEYS__METRICS_CHECK__SHA256",
                HexFormat.of().formatHex(ApiKeyRing.sha256(KEY)),
                "TRACKER_API_KEYS__METRICS_CHECK__ROLE", "admin");
        ServiceProcess session = start("session-service", Map.of("REDIS_URL", redis,
                "INSTANCE_METADATA_ENABLED", "false"));
        ServiceProcess monitoring = start("monitoring-service", Map.of("REDIS_URL", redis,
                "DB_URL", postgres + "/monitoring_test", "DB_USER", "monitoring", "DB_PASSWORD", "monitoring"));
        Map<String, String> scanner = new HashMap<>(apiKey);
        // an AWS endpoint where nothing listens: each call of the scan fails as it would without a network
        StubCredentials keys = StubCredentials.longTerm();
        scanner.putAll(Map.of("DB_URL", postgres + "/scanner_test", "DB_USER", "scanner", "DB_PASSWORD", "scanner",
                "AWS_ENDPOINT_OVERRIDE", "http://127.0.0.1:" + ServiceProcess.freePort(),
                "AWS_ACCESS_KEY_ID", keys.accessKeyId(), "AWS_SECRET_ACCESS_KEY", keys.secretAccessKey()));
        ServiceProcess resources = start("resource-scanner", scanner);
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(120));
        }
        Map<String, String> gatewayEnv = new HashMap<>(apiKey);
        gatewayEnv.putAll(Map.of("REDIS_URL", redis, "OIDC_CLIENT_SECRET", "metrics-check-only",
                "LOGIN_SESSION_KEY", "metrics-check-only-login-session-key-0123456789", "SECURE_COOKIES", "false",
                "SESSION_SERVICE_URL", session.base().toString(), "MONITORING_SERVICE_URL", monitoring.base().toString(),
                "RESOURCE_SCANNER_URL", resources.base().toString()));
        ServiceProcess gateway = start("tracker-gateway", gatewayEnv);
        gateway.awaitReady(Duration.ofSeconds(120));

        HttpClient http = HttpClient.newHttpClient();
        send(http, HttpRequest.newBuilder(gateway.base().resolve("/api/instance")).build());
        send(http, HttpRequest.newBuilder(gateway.base().resolve("/api/v1/scans")).header("X-API-Key", KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"regions\":[\"us-east-1\"],\"resource_types\":[\"ec2_instance\"]}"))
                .build());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            exported.put("tracker-gateway", metricNames(http, gateway.base(), KEY));
            exported.put("session-service", metricNames(http, session.base(), null));
            exported.put("monitoring-service", metricNames(http, monitoring.base(), null));
            exported.put("resource-scanner", metricNames(http, resources.base(), null));
            // the scan ends once its calls have failed (the SDK's retries take a few seconds)
        } while (!exported.get("resource-scanner").contains("scanner_aws_errors_total") && System.nanoTime() < deadline
                && pause());
    }

    @AfterAll
    static void stopTheServices() throws InterruptedException {
        for (ServiceProcess service : services) {
            service.close();
        }
    }

    @Test
    void everyDashboardPanelShowsMetricsTheServicesExport() throws IOException {
        ConfigMap dashboards = RenderedOverlay.of("eks").all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("tracker-dashboards")).findFirst().orElseThrow();
        assertThat(dashboards.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboards.getData().keySet())
                .containsExactlyInAnyOrder("presence.json", "gateway.json", "monitoring.json", "scanner.json");
        ObjectMapper json = new ObjectMapper();
        assertSoftly(softly -> dashboards.getData().forEach((file, content) -> {
            JsonNode dashboard = read(json, content);
            softly.assertThat(dashboard.path("uid").asText()).as(file + " uid").startsWith("tracker-");
            Set<Integer> ids = new TreeSet<>();
            for (JsonNode panel : dashboard.path("panels")) {
                String where = file + " panel '" + panel.path("title").asText() + "'";
                softly.assertThat(ids.add(panel.path("id").asInt())).as(where + " has its own id").isTrue();
                softly.assertThat(panel.path("datasource").path("uid").asText()).as(where + " data source")
                        .isEqualTo("${datasource}");
                softly.assertThat(panel.path("targets")).as(where + " queries").isNotEmpty();
                for (JsonNode target : panel.path("targets")) {
                    for (String metric : metrics(target.path("expr").asText())) {
                        softly.assertThat(exportedBySomeService(metric)).as(where + ": " + metric
                                + " is exported by no service").isTrue();
                    }
                }
            }
        }));
    }

    @Test
    void everyAlertWatchesMetricsTheServicesExportAndSaysWhatToDo() {
        GenericKubernetesResource rules = RenderedOverlay.of("eks").all(GenericKubernetesResource.class).stream()
                .filter(r -> "PrometheusRule".equals(r.getKind())).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) ((Map<String, Object>) rules
                .getAdditionalProperties().get("spec")).get("groups");
        List<String> alerts = new ArrayList<>();
        assertSoftly(softly -> {
            for (Map<String, Object> group : groups) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> groupRules = (List<Map<String, Object>>) group.get("rules");
                for (Map<String, Object> rule : groupRules) {
                    String alert = String.valueOf(rule.get("alert"));
                    alerts.add(alert);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
                    softly.assertThat(labels).as(alert + " severity").containsKey("severity");
                    softly.assertThat(annotations).as(alert + " tells what happened and what to do")
                            .containsKeys("summary", "description");
                    for (String metric : metrics(String.valueOf(rule.get("expr")))) {
                        softly.assertThat(exportedBySomeService(metric) || EXTERNAL.matcher(metric).matches())
                                .as(alert + ": " + metric + " is exported by no service").isTrue();
                    }
                }
            }
        });
        // what the suite's operators are paged for
        assertThat(alerts).contains("TrackerServiceNotReady", "TrackerEventBacklogGrowing", "TrackerEventsDeadLettered",
                "TrackerGatewayServerErrors", "TrackerScansFailing");
    }

    @Test
    void theMetricsOfAnExpressionAreItsSeriesNamesOnly() {
        assertThat(metrics("histogram_quantile(0.95, sum by (le, route) (rate(gateway_requests_seconds_bucket"
                + "{status=\"5xx\"}[$__rate_interval])))")).containsExactly("gateway_requests_seconds_bucket");
        assertThat(metrics("min_over_time(monitoring_events_lag[10m]) > 1000 and deriv(monitoring_events_lag[10m]) > 0"))
                .containsExactly("monitoring_events_lag");
        assertThat(metrics("sum(rate(a_total[5m])) / clamp_min(sum(rate(b_total{x=\"y\"}[5m])), 1) > 0.02"))
                .containsExactly("a_total", "b_total");
    }

    /** The metric names of a PromQL expression (label matchers, ranges, groupings and functions removed). */
    static Set<String> metrics(String expr) {
        String bare = GROUPING.matcher(expr.replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", ""))
                .replaceAll("").replaceAll("\"[^\"]*\"", "");
        Set<String> names = new TreeSet<>();
        Matcher identifiers = IDENTIFIER.matcher(bare);
        while (identifiers.find()) {
            String name = identifiers.group();
            boolean number = identifiers.start() > 0 && Character.isDigit(bare.charAt(identifiers.start() - 1));
            if (!PROMQL.contains(name) && !number) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean exportedBySomeService(String metric) {
        return exported.values().stream().anyMatch(names -> names.contains(metric));
    }

    /** The series names of a Prometheus text exposition ({@code name{labels} value}). */
    private static Set<String> metricNames(HttpClient http, URI base, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/q/metrics")).header("Accept", "text/plain");
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(base + "/q/metrics").isEqualTo(200);
        Set<String> names = new TreeSet<>();
        response.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    private static ServiceProcess start(String name, Map<String, String> environment) {
        Path jar = Repository.path(name + "/target/quarkus-app/quarkus-run.jar");
        ServiceProcess service = ServiceProcess.launch(ServiceProcess.javaJar(jar, "256m"), environment,
                Path.of("target", "observability-" + name + ".log"));
        services.add(service);
        return service;
    }

    private static void send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isLessThan(300);
    }

    private static boolean pause() {
        try {
            Thread.sleep(500);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static JsonNode read(ObjectMapper json, String content) {
        try {
            return json.readTree(content);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

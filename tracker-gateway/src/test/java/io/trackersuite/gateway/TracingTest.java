package io.trackersuite.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackersuite.gateway.OtlpCollector.CollectedSpan;
import io.trackersuite.testing.RedisProxyResource;

/**
 * What an operator's trace view shows: a request is one trace from the gateway into the service behind it, and a
 * sign-in is one trace from the gateway through the Redis event stream into monitoring-service. The spans are the
 * ones the processes export over OTLP (the suite's {@link OtlpCollector}).
 */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(SuiteResource.class)
class TracingTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void aProxiedRequestIsOneTraceFromTheGatewayIntoTheService() {
        String userAgent = "trace-test/" + System.nanoTime();
        given().header("User-Agent", userAgent).when().get("/api/instance").then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<CollectedSpan> spans = SuiteResource.traces().spans();
            CollectedSpan entry = gatewayServerSpan(spans, userAgent).orElseThrow(() -> new AssertionError(
                    "no gateway server span for the request among " + names(spans)));
            List<CollectedSpan> trace = spans.stream().filter(s -> s.traceId().equals(entry.traceId())).toList();
            CollectedSpan served = trace.stream()
                    .filter(s -> "session-service".equals(s.service()) && s.kind() == SpanKind.SPAN_KIND_SERVER)
                    .findFirst().orElseThrow(() -> new AssertionError("session-service is not in the trace: " + trace));
            assertThat(gatewaySpanIds(trace)).as("session-service's span hangs under a gateway span")
                    .contains(served.parentSpanId());
        });
    }

    @Test
    void aSignInIsOneTraceFromTheGatewayThroughTheEventStreamIntoMonitoring() throws Exception {
        String userAgent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0 trace-" + System.nanoTime();
        new BrowserSession(port).signIn(userAgent);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<CollectedSpan> spans = SuiteResource.traces().spans();
            Set<String> signInTraces = spans.stream()
                    .filter(s -> "tracker-gateway".equals(s.service()) && userAgent.equals(s.attributes().get("user_agent.original")))
                    .map(CollectedSpan::traceId).collect(Collectors.toSet());
            CollectedSpan stored = spans.stream()
                    .filter(s -> "monitoring-service".equals(s.service()) && s.kind() == SpanKind.SPAN_KIND_CONSUMER
                            && "LOGIN".equals(s.attributes().get("tracker.event.type"))
                            && signInTraces.contains(s.traceId()))
                    .findFirst().orElseThrow(() -> new AssertionError("no LOGIN processed by monitoring-service in "
                            + "the traces of the sign-in " + signInTraces + "; spans: " + names(spans)));
            List<CollectedSpan> trace = spans.stream().filter(s -> s.traceId().equals(stored.traceId())).toList();
            assertThat(gatewaySpanIds(trace)).as("the event's processing hangs under the gateway's request span")
                    .contains(stored.parentSpanId());
            assertThat(stored.name()).isEqualTo("tracker:events process");
            assertThat(stored.attributes()).containsEntry("messaging.system", "redis");
        });
    }

    private static Optional<CollectedSpan> gatewayServerSpan(List<CollectedSpan> spans, String userAgent) {
        return spans.stream().filter(s -> "tracker-gateway".equals(s.service()) && s.kind() == SpanKind.SPAN_KIND_SERVER
                && userAgent.equals(s.attributes().get("user_agent.original"))).findFirst();
    }

    private static Set<String> gatewaySpanIds(List<CollectedSpan> trace) {
        return trace.stream().filter(s -> "tracker-gateway".equals(s.service())).map(CollectedSpan::spanId)
                .collect(Collectors.toSet());
    }

    private static List<String> names(List<CollectedSpan> spans) {
        return spans.stream().map(s -> s.service() + ":" + s.name() + ":" + s.attributes()).toList();
    }
}

package io.trackersuite.session.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** IMDSv2 and IMDSv1 against a local HTTP stub that answers as the EC2 metadata service does. */
@Tag("unit")
class InstanceMetadataClientTest {

    static final Map<String, String> METADATA = Map.of(
            "instance-id", "i-0abc123def4567890",
            "instance-type", "t3.small",
            "placement/region", "eu-west-1",
            "placement/availability-zone", "eu-west-1b",
            "mac", "0e:1a:2b:3c:4d:5e",
            "network/interfaces/macs/0e:1a:2b:3c:4d:5e/vpc-id", "vpc-0123456789abcdef0",
            "public-ipv4", "203.0.113.25");

    private HttpServer server;
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger untokenedGets = new AtomicInteger();

    /** @param v2 token endpoint on (IMDSv2 "required" also refuses GETs without a token); off: v1-only */
    private URI stub(boolean v2) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/latest/api/token", exchange -> {
            tokenRequests.incrementAndGet();
            boolean valid = "PUT".equals(exchange.getRequestMethod())
                    && exchange.getRequestHeaders().getFirst(InstanceMetadataClient.TOKEN_TTL_HEADER) != null;
            respond(exchange, v2 && valid ? 200 : 403, v2 && valid ? "AQAEAtoken==" : "");
        });
        server.createContext("/latest/meta-data/", exchange -> {
            String token = exchange.getRequestHeaders().getFirst(InstanceMetadataClient.TOKEN_HEADER);
            if (token == null) {
                untokenedGets.incrementAndGet();
            }
            if (v2 && !"AQAEAtoken==".equals(token)) {
                respond(exchange, 401, "");
                return;
            }
            String value = METADATA.get(exchange.getRequestURI().getPath().substring("/latest/meta-data/".length()));
            respond(exchange, value == null ? 404 : 200, value == null ? "" : value);
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void imdsV2IsUsedWhenTheTokenCallWorks() throws IOException {
        InstanceInfo info = new InstanceMetadataClient(stub(true), Duration.ofSeconds(1)).read("pod-1").orElseThrow();
        assertThat(info).isEqualTo(new InstanceInfo(true, "IMDSv2", "i-0abc123def4567890", "t3.small", "eu-west-1",
                "eu-west-1b", "vpc-0123456789abcdef0", "203.0.113.25", "pod-1"));
        assertThat(untokenedGets).hasValue(0);
    }

    @Test
    void imdsV1IsTheFallbackWhenTheTokenCallFails() throws IOException {
        InstanceInfo info = new InstanceMetadataClient(stub(false), Duration.ofSeconds(1)).read("pod-1").orElseThrow();
        assertThat(info.metadataVersion()).isEqualTo("IMDSv1");
        assertThat(info.instanceId()).isEqualTo("i-0abc123def4567890");
        assertThat(info.vpcId()).isEqualTo("vpc-0123456789abcdef0");
        assertThat(tokenRequests).hasValue(1);
    }

    @Test
    void offEc2NothingAnswersAndTheAnswerIsEmpty() throws IOException {
        URI closed = stub(true);
        server.stop(0);
        server = null;
        assertThat(new InstanceMetadataClient(closed, Duration.ofMillis(300)).read("pod-1")).isEmpty();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}

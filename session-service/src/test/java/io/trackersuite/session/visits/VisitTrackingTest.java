package io.trackersuite.session.visits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.trackersuite.events.EventStreams;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.events.VisitEvent;
import io.trackersuite.testing.InjectRedisProxy;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.ScrapedMetrics;
import io.trackersuite.testing.TcpProxy;

/** POST /api/track against the real Redis: what is counted, what monitoring-service receives, what is refused. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class VisitTrackingTest {

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @InjectRedisProxy
    TcpProxy redisProxy;

    @BeforeEach
    void clean() {
        redisProxy.restore();
        List<String> keys = redis.key().keys("visits:*");
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
        redis.key().del(EventStreams.EVENTS);
    }

    @Test
    void aVisitIsCountedOncePerWindowAndHandedToMonitoring() {
        given().header("X-Forwarded-For", "198.51.100.10").header("User-Agent", "curl/8.4.0")
                .contentType(ContentType.JSON).body("{\"page\":\"/pricing\"}")
                .when().post("/api/track")
                .then().statusCode(200)
                .body("counted", equalTo(true))
                .body("ip", equalTo("198.51.100.10"))
                // a documentation address: in no database, so unknown, not an error
                .body("country", nullValue())
                .body("asn", nullValue())
                .body("vpn", equalTo(false))
                .body("hosting", equalTo(false));
        // the original Node tracker's spelling and answer: {"website"} in, {success, tracked, message} out
        given().header("X-Forwarded-For", "198.51.100.10").contentType(ContentType.JSON)
                .body("{\"website\":\"/pricing\"}")
                .when().post("/api/track")
                .then().statusCode(200).body("counted", equalTo(false))
                .body("success", equalTo(true)).body("tracked", equalTo(false))
                .body("message", equalTo("Recent visit exists"));

        List<VisitEvent> events = visitEvents();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).ip()).isEqualTo("198.51.100.10");
        assertThat(events.get(0).page()).isEqualTo("/pricing");
        assertThat(events.get(0).userAgent()).isEqualTo("curl/8.4.0");
        assertThat(events.get(0).duplicate()).isFalse();
        assertThat(events.get(1).duplicate()).isTrue();
        assertThat(events.get(1).page()).isEqualTo("/pricing");
        assertThat(events.get(0).v()).isEqualTo(TrackerEvent.VERSION);
    }

    @Test
    void aVisitIsLocatedAndItsNetworkNamedFromTheOpenIpData() {
        // Google's public resolver: a US address of AS15169, a data-centre network
        given().header("X-Forwarded-For", "8.8.8.8").contentType(ContentType.JSON).body("{\"page\":\"/\"}")
                .when().post("/api/track")
                .then().statusCode(200)
                .body("country", equalTo("US"))
                .body("asn", equalTo(15169))
                .body("asOrganization", equalTo("Google LLC"))
                .body("hosting", equalTo(true))
                .body("vpn", equalTo(false));
        // IPv6 too, and a VPN operator's network (NordVPN's PacketHub) is a VPN
        given().header("X-Forwarded-For", "2001:4860:4860::8888").contentType(ContentType.JSON).body("{}")
                .when().post("/api/track").then().statusCode(200)
                .body("country", equalTo("US")).body("asn", equalTo(15169));
        String nordVpnExit = "2.56.252.10";
        given().header("X-Forwarded-For", nordVpnExit).contentType(ContentType.JSON).body("{}")
                .when().post("/api/track").then().statusCode(200)
                .body("asn", equalTo(136787)).body("vpn", equalTo(true));

        VisitEvent event = visitEvents().get(0);
        assertThat(event.country()).isEqualTo("US");
        assertThat(event.asn()).isEqualTo(15169);
        assertThat(event.asOrganization()).isEqualTo("Google LLC");
        assertThat(event.hosting()).isTrue();
    }

    @Test
    void addressesInTheConfiguredRangesAreFlaggedAndTheVerdictIsCached() {
        given().header("X-Forwarded-For", "203.0.113.9").contentType(ContentType.JSON).body("{}")
                .when().post("/api/track").then().statusCode(200).body("vpn", equalTo(true));
        given().header("X-Forwarded-For", "2001:db8:dead:1::5").contentType(ContentType.JSON).body("{}")
                .when().post("/api/track").then().statusCode(200).body("vpn", equalTo(true));
        double hitsBefore = cacheCount("hit");
        given().header("X-Forwarded-For", "203.0.113.9").contentType(ContentType.JSON).body("{}")
                .when().post("/api/track").then().statusCode(200).body("vpn", equalTo(true));
        assertThat(cacheCount("hit")).isEqualTo(hitsBefore + 1);
        assertThat(redis.value(String.class).get("visits:ipinfo:v2:203.0.113.9")).contains("\"vpn\":true");
    }

    @Test
    void theEleventhRequestInAMinuteFromOneAddressIsRefusedOthersAreNot() {
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", "198.51.100.11").contentType(ContentType.JSON).body("{}")
                    .when().post("/api/track").then().statusCode(200);
        }
        given().header("X-Forwarded-For", "198.51.100.11").contentType(ContentType.JSON).body("{}")
                .when().post("/api/track")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("detail", containsString("too many track requests"));
        given().header("X-Forwarded-For", "198.51.100.12").contentType(ContentType.JSON).body("{}")
                .when().post("/api/track").then().statusCode(200);
        assertThat(visitEvents()).hasSize(11);
    }

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerIsIgnored() {
        // the chain's left part is what the client wrote; only the hop our trusted proxy (loopback) added counts
        given().header("X-Forwarded-For", "1.2.3.4, 198.51.100.13").contentType(ContentType.JSON).body("{}")
                .when().post("/api/track").then().statusCode(200).body("ip", equalTo("198.51.100.13"));
    }

    @Test
    void badInputIsRefusedWithAProblemAndRecordsNothing() {
        given().contentType(ContentType.JSON).body("{\"page\":\"" + "p".repeat(3_000) + "\"}")
                .when().post("/api/track")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("at most 2048"));
        given().contentType(ContentType.JSON).body("{\"page\":")
                .when().post("/api/track")
                .then().statusCode(400).contentType("application/problem+json");
        // a field twice is refused, not resolved silently to one of the two values
        given().contentType(ContentType.JSON).body("{\"page\":\"/a\",\"page\":\"/b\"}")
                .when().post("/api/track")
                .then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("page"), "detail", equalTo("field 'page' is given more than once"));
        // the original tracker's device fingerprint is not collected here: named, never silently dropped
        given().contentType(ContentType.JSON).body("{\"website\":\"/a\",\"computerId\":\"c-1\"}")
                .when().post("/api/track")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("computerId"));
        assertThat(visitEvents()).isEmpty();
    }

    @Test
    void withRedisDownTheVisitIsRefusedAsUnavailable() {
        redisProxy.cut();
        given().header("X-Forwarded-For", "198.51.100.14").contentType(ContentType.JSON).body("{}")
                .when().post("/api/track")
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", equalTo("The request could not be completed."));
        redisProxy.restore();
    }

    private double cacheCount(String result) {
        return ScrapedMetrics.scrape().sum("visits_ipinfo_cache_total", "result=\"" + result + "\"").orElse(0);
    }

    private List<VisitEvent> visitEvents() {
        return redis.stream(String.class).xrange(EventStreams.EVENTS, io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))
                .stream().map(StreamMessage::payload).map(p -> p.get(EventStreams.FIELD))
                .map(text -> {
                    try {
                        return (VisitEvent) json.readValue(text, TrackerEvent.class);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}

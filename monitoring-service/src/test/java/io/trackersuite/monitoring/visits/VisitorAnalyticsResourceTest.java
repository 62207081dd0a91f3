package io.trackersuite.monitoring.visits;

import static io.restassured.RestAssured.given;
import static io.trackersuite.testing.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.events.VisitEvent;
import io.trackersuite.monitoring.Fixtures;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.RedisProxyResource;

/**
 * The original Node tracker's analytics endpoints (dashboard, ip-comprehensive, fraud-alerts, stats), asked as its
 * dashboard asked them, every documented field checked against visits whose figures are known.
 */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class VisitorAnalyticsResourceTest {

    private static final String SCRAPER = "203.0.113.50";
    private static final String READER = "198.51.100.20";
    /** The scraper's VPN operator's autonomous system; the reader's network is unknown. */
    private static final int VPN_NETWORK = 136787;

    @Inject
    Fixtures fixtures;

    private final String admin = bearer("ada", "admin");

    @BeforeEach
    void aScraperBehindAVpnAndAReader() {
        fixtures.reset();
        Instant start = Instant.now().minus(30, ChronoUnit.MINUTES);
        // 22 visits over 6 pages with 3 browsers through a VPN: score 25 + 30 + 25 + 10 = 90 (analytics: 25+15+10)
        for (int i = 0; i < 22; i++) {
            fixtures.publish(visit(start.plusSeconds(i), SCRAPER, "NL", true, "/page-" + (i % 6), "agent-" + (i % 3), false));
        }
        fixtures.publish(visit(start.plusSeconds(100), READER, "DE", false, "/pricing", "reader", false));
        fixtures.publish(visit(start.plusSeconds(101), READER, "DE", false, "/pricing", "reader", true));
        // older than a day: outside every default window
        fixtures.publish(visit(Instant.now().minus(2, ChronoUnit.DAYS), "192.0.2.99", "US", false, "/", "old", false));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(fixtures.count("select count(*) from visits")).isEqualTo(25));
    }

    @Test
    void theDashboardPagesRecentVisitsAndRanksPagesAndAddresses() {
        given().auth().oauth2(admin).queryParam("limit", 5).queryParam("page", 2).when().get("/api/dashboard")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("pagination.currentPage", equalTo(2))
                .body("pagination.itemsPerPage", equalTo(5))
                .body("pagination.totalItems", equalTo(23))
                .body("pagination.totalPages", equalTo(5))
                .body("data.totalVisits24h", equalTo(23))
                .body("data.recentVisits", hasSize(5))
                .body("data.recentVisits[0].ip", equalTo(SCRAPER))
                .body("data.recentVisits[0].website", notNullValue())
                .body("data.recentVisits[0].timestamp", notNullValue())
                .body("data.websiteStats[0].website", equalTo("/page-0"))
                .body("data.websiteStats.find { it.website == '/pricing' }.totalVisits", equalTo(1))
                .body("data.websiteStats.find { it.website == '/pricing' }.uniqueVisitors", equalTo(1))
                .body("data.ipStats.ip", contains(SCRAPER, READER))
                .body("data.ipStats[0].totalVisits", equalTo(22))
                .body("data.ipStats[0].websitesCount", equalTo(6))
                .body("data.ipStats[0].country", equalTo("NL"))
                .body("data.ipStats[0].isVpn", equalTo(true))
                .body("data.ipStats[0].lastVisit", notNullValue());
    }

    @Test
    void ipAnalyticsScoreEachAddressAndSumUpTheTimeframe() {
        given().auth().oauth2(admin).queryParam("timeframe", "24h").when().get("/api/ip-comprehensive")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("timeframe", equalTo("24h"))
                .body("pagination.totalItems", equalTo(2))
                .body("summary.totalVisits", equalTo(23))
                .body("summary.uniqueIPs", equalTo(2))
                .body("summary.uniqueWebsites", equalTo(7))
                .body("summary.uniqueCountries", equalTo(2))
                .body("summary.vpnVisits", equalTo(22))
                .body("summary.torVisits", nullValue())
                .body("summary.securityThreatPercentage", equalTo(95.65f))
                .body("ipAnalytics.ip", contains(SCRAPER, READER))
                .body("ipAnalytics[0].fraudScore", equalTo(50))
                .body("ipAnalytics[0].websiteCount", equalTo(6))
                .body("ipAnalytics[0].location.country", equalTo("NL"))
                .body("ipAnalytics[0].security.isVpn", equalTo(true))
                .body("ipAnalytics[0].security.riskLevel", equalTo("MEDIUM"))
                // the ISP is the holder of the visit's autonomous system, null where it is unknown
                .body("ipAnalytics[0].isp", equalTo("PacketHub S.A."))
                .body("ipAnalytics[1].isp", nullValue())
                .body("ipAnalytics[1].fraudScore", equalTo(0))
                .body("ipAnalytics[1].security.riskLevel", equalTo("LOW"));
        given().auth().oauth2(admin).queryParam("timeframe", "7d").when().get("/api/ip-comprehensive")
                .then().statusCode(200).body("summary.uniqueIPs", equalTo(3));
    }

    @Test
    void fraudAlertsListOnlyTheAddressesTheOriginalWouldFlag() {
        given().auth().oauth2(admin).when().get("/api/fraud-alerts")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("alertCount", equalTo(1))
                .body("fraudAlerts.ip", contains(SCRAPER))
                .body("fraudAlerts[0].visits", equalTo(22))
                .body("fraudAlerts[0].fraudScore", equalTo(90))
                .body("fraudAlerts[0].websites", containsInAnyOrder("/page-0", "/page-1", "/page-2", "/page-3",
                        "/page-4", "/page-5"))
                .body("fraudAlerts[0].suspicious.multipleUserAgents", equalTo(true))
                .body("fraudAlerts[0].activityPattern.firstSeen", notNullValue())
                .body("fraudAlerts[0].security.isVpn", equalTo(true));
        given().auth().oauth2(admin).queryParam("minScore", 95).when().get("/api/fraud-alerts")
                .then().statusCode(200).body("alertCount", equalTo(1)); // still 22 visits (15+)
    }

    @Test
    void statsAndBadParametersAndRoles() {
        given().auth().oauth2(admin).when().get("/api/stats").then().statusCode(200)
                .body("success", equalTo(true)).body("stats.totalVisits", equalTo(23));
        given().auth().oauth2(admin).queryParam("timeframe", "2w").when().get("/api/ip-comprehensive")
                .then().statusCode(400).body("parameter", equalTo("timeframe"));
        given().auth().oauth2(admin).queryParam("limit", 500).when().get("/api/dashboard")
                .then().statusCode(400).body("parameter", equalTo("limit"));
        given().auth().oauth2(bearer("olga", "operator")).when().get("/api/fraud-alerts").then().statusCode(403);
        given().when().get("/api/dashboard").then().statusCode(401);
    }

    private static VisitEvent visit(Instant time, String ip, String country, boolean vpn, String page, String agent,
            boolean duplicate) {
        return new VisitEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), time, ip, country, null, vpn, agent,
                page, duplicate, false, vpn ? VPN_NETWORK : null, vpn ? "PacketHub S.A." : null);
    }
}

package io.trackersuite.monitoring.visits;

import static io.restassured.RestAssured.given;
import static io.trackersuite.testing.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.events.LoginEvent;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.events.VisitEvent;
import io.trackersuite.monitoring.Fixtures;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.RedisProxyResource;

/** Visit history and the summary an admin reads: countries, VPN share, duplicates, fraud alerts. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class VisitResourceTest {

    @Inject
    Fixtures fixtures;

    private final String admin = bearer("ada", "admin");

    @BeforeEach
    void visitsFromThreeCountriesAndSharedLogins() {
        fixtures.reset();
        Instant now = Instant.now().minus(10, ChronoUnit.MINUTES);
        fixtures.publish(visit(now, "198.51.100.1", "DE", false, false));
        fixtures.publish(visit(now.plusSeconds(1), "198.51.100.2", "DE", true, false));
        fixtures.publish(visit(now.plusSeconds(2), "198.51.100.3", "DE", false, false));
        fixtures.publish(visit(now.plusSeconds(3), "198.51.100.3", "DE", false, true));
        fixtures.publish(visit(now.plusSeconds(4), "192.0.2.7", "US", false, false, 15169, "Google LLC", true));
        fixtures.publish(visit(now.plusSeconds(5), "192.0.2.8", "FR", false, false, 3215, "Orange S.A.", false));
        fixtures.publish(visit(now.plusSeconds(6), "192.0.2.9", null, false, false));
        // five students log in from one address (a shared NAT, or a credential-stuffing run)
        for (int i = 0; i < 5; i++) {
            fixtures.publish(loginFrom("s-nat-" + i, "pupil" + i, "198.51.100.1", now.plusSeconds(10 + i)));
        }
        // one user from Germany, the US and France within the hour
        fixtures.publish(loginFrom("s-tr-1", "traveller", "198.51.100.2", now.plusSeconds(20)));
        fixtures.publish(loginFrom("s-tr-2", "traveller", "192.0.2.7", now.plusSeconds(21)));
        fixtures.publish(loginFrom("s-tr-3", "traveller", "192.0.2.8", now.plusSeconds(22)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(fixtures.count("select count(*) from visits")).isEqualTo(7);
            assertThat(fixtures.count("select count(*) from user_sessions")).isEqualTo(8);
        });
    }

    @Test
    void summaryCountsCountriesVpnShareDuplicatesAndRaisesFraudAlerts() {
        given().auth().oauth2(admin).when().get("/api/visits/summary")
                .then().statusCode(200)
                .body("visits", equalTo(6))
                .body("duplicatesSuppressed", equalTo(1))
                .body("uniqueIps", equalTo(6))
                // one VPN visit among six counted ones
                .body("vpnShare", equalTo(0.167f))
                // most visits first, ties by code; "??" is a visit whose IP could not be located
                .body("byCountry.country", contains("DE", "??", "FR", "US"))
                .body("byCountry.find { it.country == 'DE' }.visits", equalTo(3))
                // one visit from a data-centre network; networks by visits, unknown (null) ones together
                .body("hostingShare", equalTo(0.167f))
                .body("byNetwork.asn", contains(null, 3215, 15169))
                .body("byNetwork.find { it.asn == 15169 }.organization", equalTo("Google LLC"))
                .body("byNetwork.find { it.asn == 15169 }.hosting", equalTo(true))
                .body("byNetwork.find { it.asn == 3215 }.hosting", equalTo(false))
                .body("fraudAlerts", hasSize(2))
                .body("fraudAlerts.find { it.kind == 'MANY_USERS_ONE_IP' }.subject", equalTo("198.51.100.1"))
                .body("fraudAlerts.find { it.kind == 'MANY_USERS_ONE_IP' }.count", equalTo(5))
                .body("fraudAlerts.find { it.kind == 'ONE_USER_MANY_COUNTRIES' }.subject", equalTo("traveller"))
                .body("fraudAlerts.find { it.kind == 'ONE_USER_MANY_COUNTRIES' }.values", hasItem("FR"));
    }

    @Test
    void historyFiltersByCountryAndVpn() {
        given().auth().oauth2(admin).queryParam("country", "de").queryParam("vpn", "false")
                .when().get("/api/visits")
                .then().statusCode(200)
                .body("items.ip", contains("198.51.100.3", "198.51.100.3", "198.51.100.1"))
                .body("items[0].duplicate", equalTo(true));
        given().auth().oauth2(admin).queryParam("country", "Germany").when().get("/api/visits")
                .then().statusCode(400).body("parameter", equalTo("country"));
        given().auth().oauth2(bearer("vic", "viewer")).when().get("/api/visits").then().statusCode(403);
    }

    @Test
    void historyShowsEachVisitsNetworkAndFiltersByHostingAndAsn() {
        given().auth().oauth2(admin).queryParam("hosting", "true")
                .when().get("/api/visits")
                .then().statusCode(200)
                .body("items.ip", contains("192.0.2.7"))
                .body("items[0].asn", equalTo(15169))
                .body("items[0].asOrganization", equalTo("Google LLC"));
        given().auth().oauth2(admin).queryParam("asn", "3215")
                .when().get("/api/visits")
                .then().statusCode(200)
                .body("items.ip", contains("192.0.2.8"))
                .body("items[0].hosting", equalTo(false));
        given().auth().oauth2(admin).queryParam("asn", "AS3215").when().get("/api/visits")
                .then().statusCode(400).body("parameter", equalTo("asn"));
        given().auth().oauth2(admin).queryParam("hosting", "maybe").when().get("/api/visits")
                .then().statusCode(400).body("parameter", equalTo("hosting"));
    }

    @Test
    void aPageAsLongAsTheEventContractAllowsIsStoredWhole() {
        String page = "/" + "p".repeat(VisitEvent.MAX_PAGE_CHARS - 1);
        fixtures.publish(new VisitEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), Instant.now(),
                "203.0.113.9", "DE", null, false, Fixtures.CHROME_ON_WINDOWS, page, false, false, null, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                fixtures.count("select length(page) from visits where ip = '203.0.113.9'")).isEqualTo(2048));
    }

    private static VisitEvent visit(Instant time, String ip, String country, boolean vpn, boolean duplicate) {
        return visit(time, ip, country, vpn, duplicate, null, null, false);
    }

    private static VisitEvent visit(Instant time, String ip, String country, boolean vpn, boolean duplicate,
            Integer asn, String asOrganization, boolean hosting) {
        return new VisitEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), time, ip, country, null, vpn,
                Fixtures.CHROME_ON_WINDOWS, "/", duplicate, hosting, asn, asOrganization);
    }

    private static LoginEvent loginFrom(String sessionId, String username, String ip, Instant time) {
        return new LoginEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), time, sessionId, "id-" + username,
                username, List.of("student"), ip, Fixtures.CHROME_ON_WINDOWS);
    }
}

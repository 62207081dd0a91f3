package io.trackersuite.monitoring.events;

import static io.trackersuite.monitoring.Fixtures.activity;
import static io.trackersuite.monitoring.Fixtures.login;
import static io.trackersuite.monitoring.Fixtures.logout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.trackersuite.events.TrafficEvent;
import io.trackersuite.monitoring.Fixtures;
import io.trackersuite.monitoring.sessions.SessionExpiryJob;
import io.trackersuite.testing.InjectPostgresProxy;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.ScrapedMetrics;
import io.trackersuite.testing.TcpProxy;

/** Events from the Redis Stream into PostgreSQL: sequences, duplicates, disorder, outages, refusals. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class EventIntakeTest {

    private static final Duration APPLIED = Duration.ofSeconds(20);

    @Inject
    Fixtures fixtures;

    @Inject
    EventConsumer consumer;

    @Inject
    SessionExpiryJob expiryJob;

    @InjectPostgresProxy
    TcpProxy postgres;

    @BeforeEach
    void reset() {
        fixtures.reset();
    }

    @Test
    void loginActivityAndLogoutMakeOneSessionRowEach() {
        Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        fixtures.publish(login("s-alice-1", "alice", t0, "teacher"));
        fixtures.publish(login("s-alice-2", "alice", t0.plusSeconds(5), "teacher"));
        fixtures.publish(login("s-bob", "bob", t0.plusSeconds(10), "student"));
        fixtures.publish(login("s-carol", "carol", t0.plusSeconds(20), "Admin", "teacher"));
        fixtures.publish(activity("s-alice-1", t0.plusSeconds(60)));
        fixtures.publish(logout("s-bob", t0.plusSeconds(120)));

        awaitCount("select count(*) from user_sessions where end_reason = 'LOGOUT'", 1);
        assertThat(fixtures.count("select count(*) from user_sessions")).isEqualTo(4);
        assertThat(fixtures.count("select count(*) from user_sessions where active")).isEqualTo(3);
        assertThat(fixtures.text("select role from user_sessions where session_id = 's-carol'")).isEqualTo("admin");
        assertThat(fixtures.text("select roles from user_sessions where session_id = 's-carol'")).isEqualTo("admin,teacher");
        assertThat(fixtures.text("select browser || ' / ' || os || ' / ' || device from user_sessions where session_id = 's-bob'"))
                .isEqualTo("Chrome 120 / Windows 10 / desktop");
        assertThat(fixtures.text("select extract(epoch from last_activity - login_time) from user_sessions where session_id = 's-alice-1'"))
                .startsWith("60");
        assertThat(fixtures.text("select extract(epoch from logout_time - login_time) from user_sessions where session_id = 's-bob'"))
                .startsWith("110");
        assertThat(fixtures.pending()).isZero();
    }

    @Test
    void duplicatesChangeNothing() {
        Instant t0 = Instant.now().minus(5, ChronoUnit.MINUTES);
        LoginEvent login = login("s-dup", "dave", t0, "student");
        fixtures.publish(login);
        fixtures.publish(login);
        fixtures.publish(logout("s-dup", t0.plusSeconds(30)));
        fixtures.publish(logout("s-dup", t0.plusSeconds(90)));
        // a LOGIN replayed after the logout must not bring the session back
        fixtures.publish(login);
        TrafficEvent traffic = traffic(t0, 40);
        fixtures.publish(traffic);
        fixtures.publish(traffic);
        fixtures.publish(traffic(t0, 2));

        awaitCount("select coalesce(sum(requests), 0) from traffic_minutes", 42);
        awaitCount("select count(*) from user_sessions where end_reason = 'LOGOUT'", 1);
        assertThat(fixtures.count("select count(*) from user_sessions")).isEqualTo(1);
        assertThat(fixtures.count("select count(*) from user_sessions where active")).isZero();
        assertThat(fixtures.text("select extract(epoch from logout_time - login_time) from user_sessions")).startsWith("30");
    }

    @Test
    void eventsOutOfOrderEndInTheRightState() {
        Instant t0 = Instant.now().minus(5, ChronoUnit.MINUTES);
        // logout overtakes its login
        fixtures.publish(logout("s-late-login", t0.plusSeconds(60)));
        fixtures.publish(login("s-late-login", "erin", t0, "teacher"));
        // an old activity after a newer one does not move last_activity back; activity after logout changes nothing
        fixtures.publish(login("s-order", "frank", t0, "student"));
        fixtures.publish(activity("s-order", t0.plusSeconds(120)));
        fixtures.publish(activity("s-order", t0.plusSeconds(30)));
        fixtures.publish(logout("s-order", t0.plusSeconds(150)));
        fixtures.publish(activity("s-order", t0.plusSeconds(200)));

        awaitCount("select count(*) from user_sessions where end_reason = 'LOGOUT' and username is not null", 2);
        assertThat(fixtures.count("select count(*) from user_sessions where active")).isZero();
        assertThat(fixtures.text("select username from user_sessions where session_id = 's-late-login'")).isEqualTo("erin");
        await().atMost(APPLIED).untilAsserted(() -> assertThat(fixtures.pending()).isZero());
        assertThat(fixtures.text("select extract(epoch from last_activity - login_time) from user_sessions where session_id = 's-order'"))
                .startsWith("120");
    }

    @Test
    void idleSessionsExpire() {
        Instant now = Instant.now();
        fixtures.publish(login("s-idle", "gina", now.minus(50, ChronoUnit.MINUTES), "student"));
        fixtures.publish(activity("s-idle", now.minus(40, ChronoUnit.MINUTES)));
        fixtures.publish(login("s-busy", "hank", now.minus(50, ChronoUnit.MINUTES), "student"));
        fixtures.publish(activity("s-busy", now.minus(1, ChronoUnit.MINUTES)));
        awaitCount("select count(*) from user_sessions where last_activity > login_time", 2);

        assertThat(expiryJob.expireIdleSessions()).isEqualTo(1);

        assertThat(fixtures.text("select end_reason from user_sessions where session_id = 's-idle'")).isEqualTo("EXPIRED");
        // it ended when the 30-minute inactivity timeout ran out, not when the job noticed
        assertThat(fixtures.text("select extract(epoch from logout_time - last_activity) from user_sessions where session_id = 's-idle'"))
                .startsWith("1800");
        assertThat(fixtures.count("select count(*) from user_sessions where active")).isEqualTo(1);
    }

    @Test
    void eventsPublishedWhileTheConsumerIsStoppedAreAppliedExactlyOnceAfterItRestarts() {
        consumer.stop();
        try {
            Instant t0 = Instant.now().minus(5, ChronoUnit.MINUTES);
            for (int i = 0; i < 300; i++) {
                fixtures.publish(login("s-batch-" + i, "user" + (i % 150), t0.plusMillis(i), i % 2 == 0 ? "student" : "teacher"));
            }
            for (int i = 0; i < 100; i++) {
                fixtures.publish(logout("s-batch-" + i, t0.plusSeconds(60)));
            }
            assertThat(fixtures.count("select count(*) from user_sessions")).isZero();
            // the backlog the monitoring dashboard and the "backlog growing" alert read
            await().atMost(APPLIED).untilAsserted(() -> assertThat(metric("monitoring_events_lag")).isGreaterThanOrEqualTo(400));
        } finally {
            consumer.start();
        }
        awaitCount("select count(*) from user_sessions where end_reason = 'LOGOUT'", 100);
        await().atMost(APPLIED).untilAsserted(() -> assertThat(metric("monitoring_events_lag")).isZero());
        assertThat(fixtures.count("select count(*) from user_sessions")).isEqualTo(300);
        assertThat(fixtures.count("select count(distinct username) from user_sessions where active")).isEqualTo(150);
        await().atMost(APPLIED).untilAsserted(() -> assertThat(fixtures.pending()).isZero());
    }

    @Test
    void nothingIsLostWhilePostgresIsDown() {
        Instant t0 = Instant.now().minus(5, ChronoUnit.MINUTES);
        postgres.cut();
        try {
            for (int i = 0; i < 50; i++) {
                fixtures.publish(login("s-outage-" + i, "outage" + i, t0, "viewer"));
            }
            fixtures.publish(traffic(t0, 7));
            // the consumer took the entries but cannot commit them: they stay pending, unacknowledged
            await().atMost(APPLIED).untilAsserted(() -> assertThat(fixtures.pending()).isGreaterThan(0));
        } finally {
            postgres.restore();
        }
        awaitCount("select count(*) from user_sessions", 50);
        awaitCount("select coalesce(sum(requests), 0) from traffic_minutes", 7);
        await().atMost(APPLIED).untilAsserted(() -> assertThat(fixtures.pending()).isZero());
    }

    @Test
    void badEventsGoToTheDeadLetterStreamWithTheReasonAndNeverBlockTheStream() {
        Instant now = Instant.now();
        fixtures.publishRaw("{not json");
        fixtures.publishRaw("{\"type\":\"DROP_TABLES\",\"v\":1,\"id\":\"x\",\"time\":\"2026-01-01T00:00:00Z\"}");
        fixtures.publishRaw("{\"type\":\"LOGIN\",\"v\":1,\"id\":\"no-user\",\"time\":\"" + now + "\",\"sessionId\":\"s-x\",\"userId\":\"u\",\"roles\":[\"student\"]}");
        fixtures.publish(login("s-unknown-role", "mallory", now, "root"));
        fixtures.publish(login("s-future", "marty", now.plus(1, ChronoUnit.HOURS), "student"));
        fixtures.publish(new LoginEvent(2, UUID.randomUUID().toString(), now, "s-v2", "u", "victor", List.of("student"), null, null));
        fixtures.publishRaw("{\"type\":\"LOGIN\",\"v\":1,\"id\":\"bad-ip\",\"time\":\"" + now + "\",\"sessionId\":\"s-ip\",\"userId\":\"u\",\"username\":\"ivan\",\"roles\":[\"student\"],\"ip\":\"evil.example.com\"}");
        String longAgent = "Mozilla/5.0 " + "x".repeat(5000);
        fixtures.publish(new LoginEvent(1, UUID.randomUUID().toString(), now, "s-good", "u-good", "grace",
                List.of("student"), "2001:db8::1", longAgent));

        awaitCount("select count(*) from user_sessions", 1);
        await().atMost(APPLIED).untilAsserted(() -> assertThat(fixtures.deadLetters()).hasSize(7));
        assertThat(fixtures.deadLetters()).extracting(entry -> entry.get("reason")).containsExactly(
                "not a valid event: Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
                "not a valid event: Could not resolve type id 'DROP_TABLES' as a subtype of `io.trackersuite.events.TrackerEvent`: known type ids = [ACTIVITY, LOGIN, LOGOUT, SESSION_TERMINATED, TRAFFIC, VISIT]",
                "missing field 'username'",
                "no known role in 'roles' (known: admin, operator, teacher, student, viewer)",
                "'time' " + now.plus(1, ChronoUnit.HOURS) + " is in the future (producer clock ahead by more than PT2M)",
                "unsupported version v=2 (expected 1)",
                "'ip' is not an IPv4 or IPv6 address");
        assertThat(fixtures.text("select username from user_sessions")).isEqualTo("grace");
        assertThat(fixtures.count("select length(user_agent) from user_sessions")).isEqualTo(512);
        await().atMost(APPLIED).untilAsserted(() -> assertThat(fixtures.pending()).isZero());
    }

    private void awaitCount(String sql, long expected) {
        // ignoreExceptions: right after an outage the test's own first query may meet a dropped connection
        await().atMost(APPLIED).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> assertThat(fixtures.count(sql)).isEqualTo(expected));
    }

    static TrafficEvent traffic(Instant time, long requests) {
        Long[] buckets = new Long[TrafficEvent.LATENCY_BUCKETS_MS.size() + 1];
        java.util.Arrays.fill(buckets, 0L);
        buckets[0] = requests;
        return new TrafficEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), time, "gw-1",
                List.of(new TrafficEvent.RouteTraffic("presence", requests, 0, requests * 2.0, List.of(buckets))));
    }

    /** A gauge's value on /q/metrics; -1 when it is not there (so "is zero" cannot pass on a missing gauge). */
    private static double metric(String name) {
        return ScrapedMetrics.scrape().sum(name).orElse(-1);
    }
}

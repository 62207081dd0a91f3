package io.trackersuite.monitoring.retention;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.monitoring.Fixtures;
import io.trackersuite.testing.PostgresProxyResource;
import io.trackersuite.testing.RedisProxyResource;

/** History past its retention goes; active sessions and recent history stay, whatever their age. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(PostgresProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class RetentionJobTest {

    @Inject
    Fixtures fixtures;

    @Inject
    RetentionJob retention;

    @BeforeEach
    void oldAndRecentHistory() {
        fixtures.reset();
        fixtures.update("""
                insert into user_sessions (session_id, user_id, username, role, roles, login_time, last_activity, logout_time, end_reason, active) values
                ('s-old-ended', 'u1', 'old', 'student', 'student', now() - interval '200 days', now() - interval '200 days', now() - interval '199 days', 'LOGOUT', false),
                ('s-recent-ended', 'u2', 'recent', 'student', 'student', now() - interval '10 days', now() - interval '10 days', now() - interval '10 days', 'EXPIRED', false),
                ('s-old-active', 'u3', 'forever', 'admin', 'admin', now() - interval '200 days', now() - interval '1 minute', null, null, true)""");
        fixtures.update("""
                insert into visits (event_id, visit_time, ip, vpn, duplicate) values
                ('v-old', now() - interval '100 days', '192.0.2.1', false, false),
                ('v-new', now() - interval '1 day', '192.0.2.2', false, false)""");
        fixtures.update("""
                insert into traffic_minutes (minute, route_group, requests, errors, latency_sum_ms, latency_buckets) values
                (date_trunc('minute', now() - interval '40 days'), 'ui', 1, 0, 1, '{1,0,0,0,0,0,0,0,0,0,0}'),
                (date_trunc('minute', now()), 'ui', 1, 0, 1, '{1,0,0,0,0,0,0,0,0,0,0}')""");
    }

    @Test
    void deletesOnlyWhatIsPastRetention() {
        retention.deleteExpiredHistory();

        assertThat(fixtures.text("select string_agg(session_id, ',' order by session_id) from user_sessions"))
                .isEqualTo("s-old-active,s-recent-ended");
        assertThat(fixtures.text("select string_agg(event_id, ',') from visits")).isEqualTo("v-new");
        assertThat(fixtures.count("select count(*) from traffic_minutes")).isEqualTo(1);
    }
}

package io.trackersuite.monitoring.events;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.trackersuite.events.ActivityEvent;
import io.trackersuite.events.LoginEvent;
import io.trackersuite.events.LogoutEvent;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.events.TrafficEvent;
import io.trackersuite.events.VisitEvent;
import io.trackersuite.useragent.UserAgentParser;

/**
 * Applies validated events to PostgreSQL in JDBC batches, inside the caller's transaction. Every statement is
 * idempotent, so a redelivered or replayed event changes nothing: sessions are keyed by session id, visits by
 * event id, and additive traffic counts are guarded by the applied_events table.
 *
 * <p>Plain JDBC rather than entities: the statements are upserts, and batching them is what sustains thousands
 * of events per second.
 */
@ApplicationScoped
public class EventStore {

    // Fills a row created by an early LOGOUT, otherwise inserts; a replayed LOGIN finds login_time set and changes nothing.
    private static final String LOGIN = """
            insert into user_sessions (session_id, user_id, username, role, roles, ip, user_agent, browser, os, device,
                                       login_time, last_activity, active)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)
            on conflict (session_id) do update set
                user_id = excluded.user_id, username = excluded.username, role = excluded.role, roles = excluded.roles,
                ip = excluded.ip, user_agent = excluded.user_agent, browser = excluded.browser, os = excluded.os,
                device = excluded.device, login_time = excluded.login_time,
                last_activity = greatest(user_sessions.last_activity, excluded.last_activity)
            where user_sessions.login_time is null""";
    // Only moves forward in time, and never past the end of the session: activity stamped after a logout is ignored,
    // activity from before it (arriving late) still counts. That makes the result independent of arrival order.
    private static final String ACTIVITY = """
            update user_sessions set last_activity = greatest(last_activity, ?)
            where session_id = ? and (active or ? <= logout_time)""";
    // Ends an active session; an unknown one gets a row that its late LOGIN will fill. An ended session stays as it is.
    private static final String LOGOUT = """
            insert into user_sessions (session_id, last_activity, logout_time, end_reason, active)
            values (?, ?, ?, 'LOGOUT', false)
            on conflict (session_id) do update set active = false, logout_time = excluded.logout_time, end_reason = 'LOGOUT'
            where user_sessions.active""";
    private static final String VISIT = """
            insert into visits (event_id, visit_time, ip, country, city, vpn, user_agent, page, duplicate, hosting, asn,
                                as_organization)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (event_id) do nothing""";
    // One round trip for all additive events of the batch; returns the ids seen for the first time.
    private static final String MARK_APPLIED = """
            insert into applied_events (event_id) select unnest(?::varchar[])
            on conflict do nothing returning event_id""";
    private static final String TRAFFIC = """
            insert into traffic_minutes as t (minute, route_group, requests, errors, latency_sum_ms, latency_buckets)
            values (?, ?, ?, ?, ?, ?)
            on conflict (minute, route_group) do update set
                requests = t.requests + excluded.requests,
                errors = t.errors + excluded.errors,
                latency_sum_ms = t.latency_sum_ms + excluded.latency_sum_ms,
                latency_buckets = (select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i)
                                   from unnest(t.latency_buckets, excluded.latency_buckets) with ordinality as x(a, b, i))""";

    private final DataSource dataSource;
    private final EventValidator validator;
    private final UserAgentParser userAgents = new UserAgentParser();

    public EventStore(DataSource dataSource, EventValidator validator) {
        this.dataSource = dataSource;
        this.validator = validator;
    }

    /**
     * Applies a batch kind by kind: logins first (so the rest find their session), then logouts, then activity,
     * which the logout bounds by time. Each statement's outcome does not depend on arrival order within the batch.
     */
    public void apply(List<TrackerEvent> events) throws SQLException {
        List<TrafficEvent> trafficEvents = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement login = connection.prepareStatement(LOGIN);
                PreparedStatement activity = connection.prepareStatement(ACTIVITY);
                PreparedStatement logout = connection.prepareStatement(LOGOUT);
                PreparedStatement visit = connection.prepareStatement(VISIT);
                PreparedStatement markApplied = connection.prepareStatement(MARK_APPLIED);
                PreparedStatement traffic = connection.prepareStatement(TRAFFIC)) {
            for (TrackerEvent event : events) {
                if (event instanceof LoginEvent e) {
                    addLogin(login, e);
                } else if (event instanceof ActivityEvent e) {
                    activity.setTimestamp(1, timestamp(e.time()));
                    activity.setString(2, e.sessionId());
                    activity.setTimestamp(3, timestamp(e.time()));
                    activity.addBatch();
                } else if (event instanceof LogoutEvent e) {
                    logout.setString(1, e.sessionId());
                    logout.setTimestamp(2, timestamp(e.time()));
                    logout.setTimestamp(3, timestamp(e.time()));
                    logout.addBatch();
                } else if (event instanceof VisitEvent e) {
                    addVisit(visit, e);
                } else if (event instanceof TrafficEvent e) {
                    trafficEvents.add(e);
                }
            }
            // traffic counts are added only the first time an event id is seen
            Set<String> firstSeen = firstSeen(connection, markApplied, trafficEvents);
            for (TrafficEvent e : trafficEvents) {
                if (firstSeen.remove(e.id())) {
                    addTraffic(connection, traffic, e);
                }
            }
            login.executeBatch();
            logout.executeBatch();
            activity.executeBatch();
            visit.executeBatch();
            traffic.executeBatch();
        }
    }

    private static Set<String> firstSeen(Connection connection, PreparedStatement markApplied, List<TrafficEvent> events)
            throws SQLException {
        Set<String> ids = new HashSet<>();
        if (events.isEmpty()) {
            return ids;
        }
        markApplied.setArray(1, connection.createArrayOf("varchar", events.stream().map(TrafficEvent::id).toArray()));
        try (ResultSet inserted = markApplied.executeQuery()) {
            while (inserted.next()) {
                ids.add(inserted.getString(1));
            }
        }
        return ids;
    }

    private void addLogin(PreparedStatement statement, LoginEvent e) throws SQLException {
        UserAgentParser.UserAgentInfo device = userAgents.parse(e.userAgent());
        statement.setString(1, e.sessionId());
        statement.setString(2, e.userId());
        statement.setString(3, e.username());
        statement.setString(4, validator.primaryRole(e.roles()));
        statement.setString(5, String.join(",", e.roles()));
        statement.setString(6, e.ip());
        statement.setString(7, e.userAgent());
        statement.setString(8, device.browserWithVersion());
        statement.setString(9, device.os());
        statement.setString(10, device.device());
        statement.setTimestamp(11, timestamp(e.time()));
        statement.setTimestamp(12, timestamp(e.time()));
        statement.addBatch();
    }

    private static void addVisit(PreparedStatement statement, VisitEvent e) throws SQLException {
        statement.setString(1, e.id());
        statement.setTimestamp(2, timestamp(e.time()));
        statement.setString(3, e.ip());
        statement.setString(4, e.country());
        statement.setString(5, e.city());
        statement.setBoolean(6, e.vpn());
        statement.setString(7, e.userAgent());
        statement.setString(8, e.page());
        statement.setBoolean(9, e.duplicate());
        statement.setBoolean(10, e.hosting());
        statement.setObject(11, e.asn(), java.sql.Types.INTEGER);
        statement.setString(12, e.asOrganization());
        statement.addBatch();
    }

    private static void addTraffic(Connection connection, PreparedStatement statement, TrafficEvent e) throws SQLException {
        Timestamp minute = timestamp(e.time().truncatedTo(ChronoUnit.MINUTES));
        for (TrafficEvent.RouteTraffic route : e.routes()) {
            Array buckets = connection.createArrayOf("bigint", route.latencyBuckets().toArray());
            statement.setTimestamp(1, minute);
            statement.setString(2, route.routeGroup());
            statement.setLong(3, route.requests());
            statement.setLong(4, route.errors());
            statement.setDouble(5, route.latencySumMs());
            statement.setArray(6, buckets);
            statement.addBatch();
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}

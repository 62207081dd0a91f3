package io.trackersuite.monitoring;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.trackersuite.events.ActivityEvent;
import io.trackersuite.events.EventStreams;
import io.trackersuite.events.LoginEvent;
import io.trackersuite.events.LogoutEvent;
import io.trackersuite.events.TrackerEvent;

/** What the tests do as a producer (the gateway, session-service) and as an operator looking at the database. */
@Singleton
public class Fixtures {

    public static final String CHROME_ON_WINDOWS =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    private final StreamCommands<String, String, String> streams;
    private final RedisDataSource redis;
    private final DataSource dataSource;
    private final ObjectMapper json;

    public Fixtures(RedisDataSource redis, DataSource dataSource, ObjectMapper json) {
        this.redis = redis;
        this.streams = redis.stream(String.class);
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Empty tables and side streams; the event stream keeps its (acknowledged) history and consumer group. */
    public void reset() {
        update("truncate user_sessions, visits, traffic_minutes, active_user_samples, applied_events restart identity");
        redis.key().del(EventStreams.DEAD_LETTER, EventStreams.SESSION_CONTROL);
    }

    public String publish(TrackerEvent event) {
        try {
            return publishRaw(json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String publishRaw(String raw) {
        return streams.xadd(EventStreams.EVENTS, Map.of(EventStreams.FIELD, raw));
    }

    public static LoginEvent login(String sessionId, String username, Instant time, String... roles) {
        return new LoginEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), time, sessionId, "id-" + username,
                username, List.of(roles), "203.0.113.10", CHROME_ON_WINDOWS);
    }

    public static ActivityEvent activity(String sessionId, Instant time) {
        return new ActivityEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), time, sessionId);
    }

    public static LogoutEvent logout(String sessionId, Instant time) {
        return new LogoutEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), time, sessionId);
    }

    /** The first column of the first row of a query, as a long. */
    public long count(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String text(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void update(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Entries delivered to the consumer group and not yet acknowledged. */
    public long pending() {
        return streams.xpending(EventStreams.EVENTS, "monitoring-service").getPendingCount();
    }

    public List<Map<String, String>> deadLetters() {
        return streams.xrange(EventStreams.DEAD_LETTER, StreamRange.of("-", "+"))
                .stream().map(StreamMessage::payload).toList();
    }

    public List<Map<String, String>> sessionControl() {
        return streams.xrange(EventStreams.SESSION_CONTROL, StreamRange.of("-", "+"))
                .stream().map(StreamMessage::payload).toList();
    }
}

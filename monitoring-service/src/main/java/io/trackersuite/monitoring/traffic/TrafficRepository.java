package io.trackersuite.monitoring.traffic;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Reads the per-minute traffic aggregates and the active-user samples (native SQL: arrays and upserts). */
@ApplicationScoped
public class TrafficRepository {

    /** One route group's aggregate for one minute. */
    record MinuteRow(Instant minute, long requests, long errors, double latencySumMs, Long[] buckets) {
    }

    private final EntityManager entityManager;

    public TrafficRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    List<MinuteRow> minutesSince(Instant fromMinute) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                select minute, requests, errors, latency_sum_ms, latency_buckets from traffic_minutes
                where minute >= :from order by minute""", Object[].class)
                .setParameter("from", fromMinute).getResultList();
        return rows.stream().map(row -> new MinuteRow(instant(row[0]), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), ((Number) row[3]).doubleValue(), longs(row[4]))).toList();
    }

    long requestsSince(Instant from) {
        return ((Number) entityManager.createNativeQuery(
                "select coalesce(sum(requests), 0) from traffic_minutes where minute >= :from")
                .setParameter("from", from).getSingleResult()).longValue();
    }

    List<Object[]> activeUserSamplesSince(Instant fromMinute) {
        return entityManager.createNativeQuery(
                "select minute, active_users from active_user_samples where minute >= :from order by minute", Object[].class)
                .setParameter("from", fromMinute).getResultList();
    }

    void sampleActiveUsers(int windowMinutes) {
        entityManager.createNativeQuery("""
                insert into active_user_samples (minute, active_users)
                values (date_trunc('minute', now()),
                        (select count(distinct username) from user_sessions
                         where active and last_activity >= now() - cast(:window as interval)))
                on conflict (minute) do update set active_users = excluded.active_users""")
                .setParameter("window", windowMinutes + " minutes").executeUpdate();
    }

    static Instant minuteOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MINUTES);
    }

    static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    private static Long[] longs(Object value) {
        if (value instanceof Long[] array) {
            return array;
        }
        if (value instanceof long[] primitive) {
            Long[] boxed = new Long[primitive.length];
            for (int i = 0; i < primitive.length; i++) {
                boxed[i] = primitive[i];
            }
            return boxed;
        }
        try {
            return (Long[]) ((java.sql.Array) value).getArray();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("unreadable latency_buckets", e);
        }
    }
}

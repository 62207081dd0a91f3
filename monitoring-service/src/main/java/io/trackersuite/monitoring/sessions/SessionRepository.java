package io.trackersuite.monitoring.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.trackersuite.monitoring.api.Cursor;

/** Queries over login sessions; every filter value is a bind parameter, never part of the SQL text. */
@ApplicationScoped
public class SessionRepository implements PanacheRepository<UserSession> {

    /** Filters of the history; null means "any". */
    public record HistoryFilter(String username, String role, String ip, Instant from, Instant to, Boolean active) {
    }

    public ActiveUsers activeUsers(int windowMinutes, int limit) {
        Instant since = Instant.now().minus(Duration.ofMinutes(windowMinutes));
        Object[] totals = (Object[]) getEntityManager().createQuery("""
                select count(distinct s.username), count(s) from UserSession s
                where s.active = true and s.lastActivity >= :since""")
                .setParameter("since", since).getSingleResult();
        Map<String, Long> byRole = new TreeMap<>();
        getEntityManager().createQuery("""
                select s.role, count(distinct s.username) from UserSession s
                where s.active = true and s.lastActivity >= :since group by s.role""", Object[].class)
                .setParameter("since", since).getResultList()
                .forEach(row -> byRole.put((String) row[0], (Long) row[1]));
        Instant now = Instant.now();
        List<SessionView> sessions = limit == 0 ? List.of()
                : find("active = true and lastActivity >= ?1 order by lastActivity desc, id desc", since)
                        .page(0, limit).list().stream().map(s -> SessionView.of(s, now)).toList();
        return new ActiveUsers(windowMinutes, (Long) totals[0], (Long) totals[1], byRole, sessions, now);
    }

    public List<UserSession> history(HistoryFilter filter, Cursor after, int limit) {
        StringBuilder query = new StringBuilder("loginTime is not null");
        Map<String, Object> parameters = new HashMap<>();
        if (filter.username() != null) {
            query.append(" and username = :username");
            parameters.put("username", filter.username());
        }
        if (filter.role() != null) {
            query.append(" and role = :role");
            parameters.put("role", filter.role());
        }
        if (filter.ip() != null) {
            query.append(" and ip = :ip");
            parameters.put("ip", filter.ip());
        }
        if (filter.from() != null) {
            query.append(" and loginTime >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            query.append(" and loginTime < :to");
            parameters.put("to", filter.to());
        }
        if (filter.active() != null) {
            query.append(" and active = :active");
            parameters.put("active", filter.active());
        }
        if (after != null) {
            query.append(" and (loginTime < :afterTime or (loginTime = :afterTime and id < :afterId))");
            parameters.put("afterTime", after.time());
            parameters.put("afterId", after.id());
        }
        query.append(" order by loginTime desc, id desc");
        return find(query.toString(), parameters).page(0, limit).list();
    }

    public UserSession findBySessionId(String sessionId) {
        return find("sessionId", sessionId).firstResult();
    }

    /** Ends an active session with the given reason; false when it was not active. */
    public boolean end(String sessionId, String reason, Instant at) {
        return update("active = false, endReason = :reason, logoutTime = :at where sessionId = :sessionId and active = true",
                Parameters.with("reason", reason).and("at", at).and("sessionId", sessionId)) == 1;
    }

    /** Ends, as EXPIRED, every active session idle for longer than the timeout; returns how many. */
    public int expireIdle(Duration inactivityTimeout) {
        return getEntityManager().createNativeQuery("""
                update user_sessions
                set active = false, end_reason = 'EXPIRED', logout_time = last_activity + cast(:timeout as interval)
                where active and last_activity < now() - cast(:timeout as interval)""")
                .setParameter("timeout", inactivityTimeout.toSeconds() + " seconds")
                .executeUpdate();
    }

    /** Removes ended sessions that ended before the cutoff; returns how many. */
    public long deleteEndedBefore(Instant cutoff) {
        return delete("active = false and logoutTime < ?1", cutoff);
    }
}

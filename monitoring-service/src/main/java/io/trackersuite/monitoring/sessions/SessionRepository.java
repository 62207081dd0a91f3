package io.trackersuite.monitoring.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.jpa.HibernateHints;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.trackersuite.monitoring.api.Cursor;
import io.trackersuite.monitoring.api.FilterQuery;

/** Queries over login sessions; every filter value is a bind parameter, never part of the SQL text. */
@ApplicationScoped
public class SessionRepository implements PanacheRepository<UserSession> {

    /** Names listed per role in the breakdown; the counts stay exact beyond it. */
    static final int NAMES_PER_ROLE = 100;

    private final SessionsConfig config;

    public SessionRepository(SessionsConfig config) {
        this.config = config;
    }

    /** Filters of the history; null means "any". */
    public record HistoryFilter(String username, String role, String ip, Instant from, Instant to, Boolean active) {
    }

    /**
     * Distinct active users and sessions within the window, by role, in one pass over the active rows. A user whose
     * active sessions carry different primary roles counts once, under the first role in alphabetical order, so
     * the breakdown always adds up to the total. Every known role is listed, with 0 where nobody has it, and named
     * users (the first {@value #NAMES_PER_ROLE} by name), as the original dashboard showed "Students: 2 (student1,
     * student2)".
     */
    @SuppressWarnings("unchecked")
    public ActiveUsers.Figures activeFigures(int windowMinutes) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select role, count(*), coalesce(sum(sessions), 0) from (
                    select username, min(role) as role, count(*) as sessions from user_sessions
                    where active and last_activity >= now() - cast(:window as interval)
                    group by username) per_user
                group by rollup(role)""")
                .setParameter("window", windowMinutes + " minutes").getResultList();
        Map<String, Long> byRole = new TreeMap<>();
        long users = 0;
        long sessions = 0;
        for (Object[] row : rows) {
            if (row[0] == null) {
                users = ((Number) row[1]).longValue();
                sessions = ((Number) row[2]).longValue();
            } else {
                byRole.put((String) row[0], ((Number) row[1]).longValue());
            }
        }
        Map<String, List<String>> usersByRole = new LinkedHashMap<>();
        config.roles().forEach(role -> usersByRole.put(role, new ArrayList<>()));
        List<Object[]> names = getEntityManager().createNativeQuery("""
                select role, username from (
                    select role, username, row_number() over (partition by role order by username) as n from (
                        select username, min(role) as role from user_sessions
                        where active and last_activity >= now() - cast(:window as interval)
                        group by username) per_user) ranked
                where n <= :names order by role, username""")
                .setParameter("window", windowMinutes + " minutes").setParameter("names", NAMES_PER_ROLE)
                .getResultList();
        for (Object[] row : names) {
            usersByRole.computeIfAbsent((String) row[0], role -> new ArrayList<>()).add((String) row[1]);
        }
        Map<String, Long> everyRole = new LinkedHashMap<>();
        usersByRole.keySet().forEach(role -> everyRole.put(role, byRole.getOrDefault(role, 0L)));
        return new ActiveUsers.Figures(windowMinutes, users, sessions, everyRole, usersByRole);
    }

    /** The most recently active sessions within the window, newest first. */
    public List<SessionView> activeSessions(int windowMinutes, int limit) {
        if (limit == 0) {
            return List.of();
        }
        Instant now = Instant.now();
        // read-only: the rows are only shown, so Hibernate keeps no snapshot to dirty-check
        return find("active = true and lastActivity >= ?1 order by lastActivity desc, id desc",
                now.minus(Duration.ofMinutes(windowMinutes)))
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .page(0, limit).list().stream().map(s -> SessionView.of(s, now)).toList();
    }

    public List<UserSession> history(HistoryFilter filter, Cursor after, int limit) {
        FilterQuery query = new FilterQuery("loginTime is not null", "loginTime")
                .and("username = :username", "username", filter.username())
                .and("role = :role", "role", filter.role())
                .and("ip = :ip", "ip", filter.ip())
                .and("loginTime >= :from", "from", filter.from())
                .and("loginTime < :to", "to", filter.to())
                .and("active = :active", "active", filter.active())
                .after(after);
        return find(query.newestFirst(), query.parameters()).page(0, limit).list();
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

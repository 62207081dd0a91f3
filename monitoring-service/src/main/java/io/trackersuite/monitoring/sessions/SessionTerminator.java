package io.trackersuite.monitoring.sessions;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.trackersuite.events.EventStreamWriter;
import io.trackersuite.events.EventStreams;
import io.trackersuite.events.SessionTerminatedEvent;
import io.trackersuite.events.TrackerEvent;

/**
 * Forced logout: ends the session with reason FORCED and announces it on {@link EventStreams#SESSION_CONTROL},
 * where every gateway replica reads it and refuses the session from then on.
 */
@ApplicationScoped
public class SessionTerminator {

    private final SessionRepository sessions;
    private final SessionChanges changes;
    private final EventStreamWriter events;

    public SessionTerminator(SessionRepository sessions, SessionChanges changes, ReactiveRedisDataSource redis,
            ObjectMapper json) {
        this.sessions = sessions;
        this.changes = changes;
        this.events = new EventStreamWriter(redis, json);
    }

    @Transactional
    public SessionView terminate(String sessionId, String terminatedBy) {
        UserSession session = sessions.findBySessionId(sessionId);
        if (session == null || session.loginTime == null) {
            throw new NotFoundException("no session " + sessionId);
        }
        Instant now = Instant.now();
        if (!sessions.end(sessionId, "FORCED", now)) {
            throw new ClientErrorException("session " + sessionId + " has already ended (" + session.endReason + ")",
                    Response.Status.CONFLICT);
        }
        // Announced inside the transaction: if Redis refuses, the session stays active and the admin sees an error,
        // rather than a session that looks ended here but still works at the gateway.
        announce(new SessionTerminatedEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), now, sessionId,
                session.username, terminatedBy));
        sessions.getEntityManager().refresh(session);
        changes.changed();
        return SessionView.of(session, now);
    }

    private void announce(SessionTerminatedEvent event) {
        events.appendAndWait(EventStreams.SESSION_CONTROL, event);
    }
}

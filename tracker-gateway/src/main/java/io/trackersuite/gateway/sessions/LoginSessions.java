package io.trackersuite.gateway.sessions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import io.trackersuite.events.ActivityEvent;
import io.trackersuite.events.LoginEvent;
import io.trackersuite.events.LogoutEvent;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.gateway.events.EventPublisher;
import io.trackersuite.gateway.routing.ClientRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns browser logins into the LOGIN / ACTIVITY / LOGOUT events monitoring-service audits. A login session starts
 * with the first request after the OIDC code flow (the identity carries an ID token and there is no session cookie
 * yet) and ends at {@code /logout}.
 */
@ApplicationScoped
public class LoginSessions {

    private final SessionCookie cookie;
    private final TerminatedSessions terminated;
    private final EventPublisher events;
    private final ReactiveValueCommands<String, String> values;
    private final long activityIntervalMillis;
    /** Last ACTIVITY per session on this replica: most requests are decided here without a Redis call. */
    private final Map<String, Long> lastActivity = new ConcurrentHashMap<>();

    public LoginSessions(SessionCookie cookie, TerminatedSessions terminated, EventPublisher events,
            ReactiveRedisDataSource redis, LoginSessionConfig config) {
        this.cookie = cookie;
        this.terminated = terminated;
        this.events = events;
        this.values = redis.value(String.class);
        this.activityIntervalMillis = config.activityInterval().toMillis();
    }

    /** Called for every authenticated browser request: opens the session on the first one, else reports activity. */
    public void onBrowserRequest(RoutingContext rc, SecurityIdentity identity, String sessionId) {
        if (sessionId == null) {
            String id = cookie.issue(rc);
            lastActivity.put(id, System.currentTimeMillis());
            events.fire(loginEvent(id, identity, rc));
            return;
        }
        long now = System.currentTimeMillis();
        Long last = lastActivity.get(sessionId);
        if (last != null && now - last < activityIntervalMillis) {
            return;
        }
        lastActivity.put(sessionId, now);
        // SET NX PX: only the first replica in each interval publishes
        values.setGet("gateway:activity:" + sessionId, "1", new SetArgs().nx().px(activityIntervalMillis))
                .subscribe().with(previous -> {
                    if (previous == null) {
                        events.fire(new ActivityEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(),
                                Instant.now(), sessionId));
                    }
                }, failure -> lastActivity.remove(sessionId)); // Redis away: try again on the next request
    }

    /** {@code /logout}: the session ends here (unless an admin already ended it); the OIDC logout itself follows. */
    public void onLogoutRequest(RoutingContext rc) {
        cookie.read(rc).ifPresent(sessionId -> {
            cookie.clear(rc);
            lastActivity.remove(sessionId);
            if (!terminated.isTerminated(sessionId)) {
                events.fire(new LogoutEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), Instant.now(),
                        sessionId));
            }
        });
    }

    /** The OIDC provider sends the browser back: whatever session cookie is left belongs to an older login. */
    public void onLoginCallback(RoutingContext rc) {
        if (cookie.read(rc).isPresent()) {
            cookie.clear(rc);
        }
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleSessions() {
        long limit = System.currentTimeMillis() - 2 * activityIntervalMillis;
        lastActivity.values().removeIf(last -> last < limit);
    }

    private static LoginEvent loginEvent(String sessionId, SecurityIdentity identity, RoutingContext rc) {
        String userId = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            userId = token.getSubject();
        }
        return new LoginEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), Instant.now(), sessionId, userId,
                identity.getPrincipal().getName(), List.copyOf(identity.getRoles()), ClientRequest.ip(rc),
                rc.request().getHeader("User-Agent"));
    }
}

package io.trackersuite.gateway.logins;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.trackersuite.events.ActivityEvent;
import io.trackersuite.events.LoginEvent;
import io.trackersuite.events.LogoutEvent;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.gateway.events.EventPublisher;
import io.trackersuite.gateway.http.ClientRequest;
import io.trackersuite.gateway.logins.LoginStore.LoginRecord;
import io.vertx.ext.web.RoutingContext;

/**
 * The life of a login session, as monitoring-service audits it: LOGIN on the first request after the sign-in,
 * ACTIVITY while it is used (which also keeps its record from idling out), LOGOUT when the user signs out, and the end
 * of the provider's session whenever ours ends (logout or an admin's termination).
 */
@ApplicationScoped
public class LoginSessions {

    private static final Logger LOG = Logger.getLogger(LoginSessions.class);

    private final LoginStore store;
    private final ProviderLogout provider;
    private final EventPublisher events;
    private final ReactiveValueCommands<String, String> values;
    private final long activityIntervalMillis;
    /** Last ACTIVITY per session on this replica: most requests are decided here without a Redis call. */
    private final Map<String, Long> lastActivity = new ConcurrentHashMap<>();

    public LoginSessions(LoginStore store, ProviderLogout provider, EventPublisher events,
            ReactiveRedisDataSource redis, LoginSessionConfig config) {
        this.store = store;
        this.provider = provider;
        this.events = events;
        this.values = redis.value(String.class);
        this.activityIntervalMillis = config.activityInterval().toMillis();
    }

    /** Every authenticated browser request: the first announces the session, later ones report activity. */
    public void onBrowserRequest(RoutingContext rc, SecurityIdentity identity, LoginRecord record) {
        String sessionId = record.sessionId();
        long now = System.currentTimeMillis();
        if (!record.announced()) {
            lastActivity.put(sessionId, now);
            LoginEvent login = loginEvent(sessionId, identity, rc);
            store.markAnnounced(record.handle()).subscribe().with(first -> {
                if (first) {
                    events.fire(login);
                }
            }, failure -> lastActivity.remove(sessionId)); // Redis away: the next request announces it
            return;
        }
        Long last = lastActivity.get(sessionId);
        if (last != null && now - last < activityIntervalMillis) {
            return;
        }
        lastActivity.put(sessionId, now);
        // SET NX PX: only the first replica in each interval publishes
        store.touch(record)
                .chain(() -> values.setGet("gateway:activity:" + sessionId, "1", new SetArgs().nx().px(activityIntervalMillis)))
                .subscribe().with(previous -> {
                    if (previous == null) {
                        events.fire(new ActivityEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(),
                                Instant.now(), sessionId));
                    }
                }, failure -> lastActivity.remove(sessionId)); // Redis away: try again on the next request
    }

    /**
     * The user signs out: the record ends (every replica refuses its cookies from now on), LOGOUT is published and the
     * provider's session is ended. The item is the ID token when the browser still has to visit the provider's
     * logout page (the provider did not end its session server to server), else null.
     */
    public Uni<String> logout(String handle) {
        return store.end(handle, LoginStore.ENDED_LOGOUT).chain(record -> {
            if (record == null) {
                return Uni.createFrom().nullItem(); // unknown, expired or already ended: nothing left to end
            }
            lastActivity.remove(record.sessionId());
            LogoutEvent logout = new LogoutEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), Instant.now(),
                    record.sessionId());
            events.fire(logout);
            events.tellReplicas(logout); // each replica cuts the session's open feeds and sockets

            return provider.endSession(record.tokens()).map(ended -> ended || record.tokens() == null ? null
                    : record.tokens().getIdToken());
        });
    }

    /** An admin ended the session (monitoring-service): the record ends and so does the provider's session. */
    public Uni<Void> terminate(String sessionId, String terminatedBy) {
        return store.handleOf(sessionId)
                .chain(handle -> handle == null ? Uni.createFrom().nullItem() : store.end(handle, LoginStore.ENDED_TERMINATED))
                .chain(record -> {
                    if (record == null) {
                        return Uni.createFrom().voidItem(); // another replica got there first, or no such session
                    }
                    lastActivity.remove(sessionId);
                    LOG.infof("session %s terminated by %s: refused from now on", sessionId, terminatedBy);
                    return provider.endSession(record.tokens()).invoke(ended -> {
                        if (!ended) {
                            LOG.warnf("the provider's session of terminated session %s could not be ended", sessionId);
                        }
                    }).replaceWithVoid();
                });
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

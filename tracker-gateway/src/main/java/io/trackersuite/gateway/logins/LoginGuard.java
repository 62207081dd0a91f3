package io.trackersuite.gateway.logins;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.identity.SecurityIdentity;
import io.trackersuite.gateway.http.ClientRequest;
import io.trackersuite.gateway.http.Pipeline;
import io.trackersuite.gateway.logins.LoginStore.LoginRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs after authentication on every request: a browser signed in through the code flow has its login session
 * announced and its activity reported, and the request is tracked until it ends (a session that ends cuts it). (Sessions that ended never get here: their tokens are gone from Redis, so
 * authentication already failed.)
 */
@ApplicationScoped
public class LoginGuard {

    private final LoginSessions loginSessions;
    private final LiveRequests live;

    public LoginGuard(LoginSessions loginSessions, LiveRequests live) {
        this.loginSessions = loginSessions;
        this.live = live;
    }

    void register(@Observes Router router) {
        router.route().order(Pipeline.LOGIN_SESSIONS).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        SecurityIdentity identity = ClientRequest.identity(rc);
        LoginRecord record = rc.get(RedisTokenStateManager.RECORD);
        if (record != null && ClientRequest.isBrowserLogin(identity)) {
            loginSessions.onBrowserRequest(rc, identity, record);
            live.track(record.sessionId(), rc);
        }
        rc.next();
    }
}

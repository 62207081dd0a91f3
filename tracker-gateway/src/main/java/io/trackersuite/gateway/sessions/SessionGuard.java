package io.trackersuite.gateway.sessions;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.identity.SecurityIdentity;
import io.trackersuite.gateway.routing.ClientRequest;
import io.trackersuite.gateway.web.Problems;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs after authentication on every request: refuses sessions an admin terminated (a browser is sent through the
 * OIDC logout, so the provider's session ends too), opens login sessions and reports their activity.
 */
@ApplicationScoped
public class SessionGuard {

    /** After Quarkus's authentication (-200) and authorisation (-100), before the proxy routes. */
    static final int ORDER = -50;

    private final SessionCookie cookie;
    private final TerminatedSessions terminated;
    private final LoginSessions loginSessions;
    private final String logoutPath;
    private final String signedOutPath;
    private final Problems problems;

    public SessionGuard(SessionCookie cookie, TerminatedSessions terminated, LoginSessions loginSessions,
            Problems problems, @ConfigProperty(name = "quarkus.oidc.logout.path") String logoutPath,
            @ConfigProperty(name = "quarkus.oidc.logout.post-logout-path") String signedOutPath) {
        this.cookie = cookie;
        this.terminated = terminated;
        this.loginSessions = loginSessions;
        this.logoutPath = logoutPath;
        this.signedOutPath = signedOutPath;
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        Optional<String> sessionId = cookie.read(rc);
        SecurityIdentity identity = ClientRequest.identity(rc);
        boolean browserLogin = ClientRequest.isBrowserLogin(identity);
        if (sessionId.isPresent() && terminated.isTerminated(sessionId.get())) {
            // While the OIDC session lives the cookie stays, so every request keeps landing here until /logout
            // (which clears it) has also ended the provider's session; otherwise the next page would log in again.
            if (!browserLogin) {
                cookie.clear(rc);
            }
            if (ClientRequest.wantsHtml(rc)) {
                rc.redirect(browserLogin ? logoutPath : signedOutPath + "?reason=terminated");
            } else {
                problems.send(rc, 401, "Unauthorized", "an administrator ended this session; sign in again");
            }
            return;
        }
        if (browserLogin) {
            loginSessions.onBrowserRequest(rc, identity, sessionId.orElse(null));
        } else if (sessionId.isPresent() && identity == null) {
            cookie.clear(rc); // the OIDC session is gone: the next login is a new session
        }
        rc.next();
    }
}

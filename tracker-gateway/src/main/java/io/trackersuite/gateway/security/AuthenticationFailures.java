package io.trackersuite.gateway.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.AuthenticationFailedException;
import io.trackersuite.gateway.http.ClientRequest;
import io.trackersuite.gateway.http.Pipeline;
import io.trackersuite.gateway.http.Problems;
import io.trackersuite.gateway.logins.LoginStore;
import io.trackersuite.gateway.logins.RedisTokenStateManager;
import io.trackersuite.gateway.logins.SessionCookie;
import io.trackersuite.security.ApiKeyRing;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A request whose credentials failed (malformed or unknown API key, invalid or expired token, a broken OIDC
 * callback): 401 with a problem body instead of Quarkus's empty one, nothing forwarded, and one more failed attempt
 * counted towards the lock-out of the client IP and the API key id. A browser whose login session has ended (signed
 * out, terminated by an admin, expired and not refreshable) is no attacker: it is told so and not counted.
 */
@ApplicationScoped
public class AuthenticationFailures {

    private final FailedLogins failedLogins;
    private final Problems problems;
    private final SessionCookie sessionCookie;
    private final String callbackPath;

    public AuthenticationFailures(FailedLogins failedLogins, Problems problems, SessionCookie sessionCookie,
            @ConfigProperty(name = "quarkus.oidc.authentication.redirect-path") String callbackPath) {
        this.failedLogins = failedLogins;
        this.problems = problems;
        this.sessionCookie = sessionCookie;
        this.callbackPath = callbackPath;
    }

    void register(@Observes Router router) {
        router.route().order(Pipeline.AUTHENTICATION_FAILURES).failureHandler(this::handle);
    }

    private void handle(RoutingContext rc) {
        AuthenticationFailedException failure = authenticationFailure(rc.failure());
        if (failure == null) {
            rc.next();
            return;
        }
        if (isEndedBrowserSession(rc)) {
            endedBrowserSession(rc);
            return;
        }
        failedLogins.failed("ip:" + ClientRequest.ip(rc));
        String apiKey = rc.request().getHeader(ApiKeyRing.HEADER);
        Optional<String> keyId = ApiKeyRing.keyId(apiKey);
        keyId.ifPresent(id -> failedLogins.failed(FailedLogins.keySubject(id, ClientRequest.ip(rc))));
        String detail = apiKey == null ? "invalid or expired credentials"
                : keyId.isPresent() ? "unknown or revoked API key" : "malformed API key";
        rc.response().putHeader("WWW-Authenticate", "Bearer");
        problems.send(rc, 401, "Unauthorized", detail);
    }

    private boolean isEndedBrowserSession(RoutingContext rc) {
        return rc.get(RedisTokenStateManager.ENDED) != null
                || sessionCookie.handle(rc) != null && rc.request().getHeader("Authorization") == null
                        && rc.request().getHeader(ApiKeyRing.HEADER) == null && !rc.request().path().equals(callbackPath);
    }

    /** The cookie is cleared; a page load goes on without it (or to the "ended by an administrator" page). */
    private void endedBrowserSession(RoutingContext rc) {
        sessionCookie.clear(rc);
        boolean terminated = LoginStore.ENDED_TERMINATED.equals(rc.get(RedisTokenStateManager.ENDED));
        if (ClientRequest.wantsHtml(rc)) {
            rc.response().setStatusCode(303).putHeader("Cache-Control", "no-store")
                    .putHeader("Location", terminated ? "/signed-out?reason=terminated" : rc.request().uri()).end();
            return;
        }
        problems.send(rc, 401, "Unauthorized", terminated ? "an administrator ended this session; sign in again"
                : "your sign-in has ended; sign in again");
    }

    private static AuthenticationFailedException authenticationFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationFailedException e) {
                return e;
            }
        }
        return null;
    }
}

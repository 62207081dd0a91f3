package io.trackersuite.gateway.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationFailedException;
import io.trackersuite.gateway.routing.ClientRequest;
import io.trackersuite.gateway.web.Problems;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A request whose credentials failed (malformed or unknown API key, invalid or expired token, a broken OIDC
 * callback): 401 with a problem body instead of Quarkus's empty one, nothing forwarded, and one more failed attempt
 * counted towards the lock-out of the client IP and the API key id.
 */
@ApplicationScoped
public class AuthenticationFailures {

    private final FailedLogins failedLogins;
    private final Problems problems;

    public AuthenticationFailures(FailedLogins failedLogins, Problems problems) {
        this.failedLogins = failedLogins;
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext rc) {
        AuthenticationFailedException failure = authenticationFailure(rc.failure());
        if (failure == null) {
            rc.next();
            return;
        }
        failedLogins.failed("ip:" + ClientRequest.ip(rc));
        String apiKey = rc.request().getHeader(ApiKeys.HEADER);
        Optional<String> keyId = ApiKeys.keyId(apiKey);
        keyId.ifPresent(id -> failedLogins.failed("key:" + id));
        String detail = apiKey == null ? "invalid or expired credentials"
                : keyId.isPresent() ? "unknown or revoked API key" : "malformed API key";
        rc.response().putHeader("WWW-Authenticate", "Bearer");
        problems.send(rc, 401, "Unauthorized", detail);
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

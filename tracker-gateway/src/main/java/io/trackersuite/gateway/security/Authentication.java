package io.trackersuite.gateway.security;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.trackersuite.gateway.http.Pipeline;
import io.trackersuite.gateway.logins.SessionCookie;
import io.trackersuite.security.ApiKeyRing;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Authentication is lazy (quarkus.http.auth.proactive=false) and done here for every request that presents
 * credentials: a bearer token, an API key, the login-session cookie, or the sign-in callback. Such a request is
 * authenticated before anything else sees it, exactly as proactive authentication would, and a failure goes to
 * {@link AuthenticationFailures}. A request that presents none (most of the public tracker's traffic) goes on
 * anonymous without running the OIDC and API-key mechanisms at all.
 */
@Singleton
public class Authentication {

    private final SessionCookie sessionCookie;
    private final String callbackPath;

    public Authentication(SessionCookie sessionCookie,
            @ConfigProperty(name = "quarkus.oidc.authentication.redirect-path") String callbackPath) {
        this.sessionCookie = sessionCookie;
        this.callbackPath = callbackPath;
    }

    void register(@Observes Router router) {
        router.route().order(Pipeline.AUTHENTICATE).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        Uni<SecurityIdentity> identity = rc.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (identity == null || rc.user() != null || !presentsCredentials(rc)) {
            rc.next(); // anonymous, or already authenticated by a path policy (/login, /admin, /q/metrics)
            return;
        }
        identity.subscribe().with(ignored -> rc.next(), failure -> {
            if (!rc.failed()) {
                rc.fail(failure);
            }
        });
    }

    /** A bearer token, an API key, the login-session cookie, or the sign-in callback (which brings a code). */
    public boolean presentsCredentials(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        return request.getHeader("Authorization") != null || request.getHeader(ApiKeyRing.HEADER) != null
                || sessionCookie.handle(rc) != null || request.path().equals(callbackPath);
    }
}

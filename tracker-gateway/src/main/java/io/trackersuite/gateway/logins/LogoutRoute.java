package io.trackersuite.gateway.logins;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.mutiny.Uni;
import io.trackersuite.gateway.http.ClientRequest;
import io.trackersuite.gateway.http.Pipeline;
import io.trackersuite.gateway.http.Problems;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /logout}, answered before authentication so that it works in any state (token expired, session ended,
 * no session at all). {@code POST} signs out: the login session's record ends on every replica, LOGOUT is published,
 * the provider's session ends, the cookie is cleared. It is a POST under the CSRF rule so another site cannot sign
 * a user out; {@code GET} only shows a page whose button posts.
 */
@ApplicationScoped
public class LogoutRoute {

    static final String SIGNED_OUT = "/signed-out";

    private static final String CONFIRM_PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign out</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body><main><h1>Sign out of the tracker suite?</h1>
            <form method="post" action="/logout"><button type="submit">Sign out</button></form>
            <p><a href="/">Back to the tracker page</a></p></main></body></html>
            """;

    private final LoginSessions loginSessions;
    private final ProviderLogout provider;
    private final Problems problems;
    private final SessionCookie sessionCookie;

    public LogoutRoute(LoginSessions loginSessions, ProviderLogout provider, Problems problems,
            SessionCookie sessionCookie) {
        this.loginSessions = loginSessions;
        this.provider = provider;
        this.problems = problems;
        this.sessionCookie = sessionCookie;
    }

    void register(@Observes Router router) {
        router.route("/logout").order(Pipeline.LOGOUT).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        HttpMethod method = rc.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            rc.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store")
                    .end(CONFIRM_PAGE);
            return;
        }
        if (method != HttpMethod.POST) {
            rc.response().putHeader("Allow", "GET, HEAD, POST");
            problems.send(rc, 405, "Method Not Allowed", "sign out with POST /logout");
            return;
        }
        String handle = sessionCookie.handle(rc);
        if (handle == null) {
            rc.response().setStatusCode(303).putHeader("Location", SIGNED_OUT).end(); // nothing to end
            return;
        }
        String signedOut = ClientRequest.origin(rc) + SIGNED_OUT;
        loginSessions.logout(handle)
                .chain(idToken -> idToken == null ? Uni.createFrom().<String>nullItem()
                        : provider.frontChannelLogout(idToken, signedOut))
                .subscribe().with(providerLogout -> {
                    sessionCookie.clear(rc);
                    rc.response().setStatusCode(303).putHeader("Location", providerLogout == null ? SIGNED_OUT : providerLogout)
                            .putHeader("Cache-Control", "no-store").end();
                }, failure -> {
                    // Redis away: the session could not be ended on the server, so the cookie is kept for a retry
                    rc.response().putHeader("Retry-After", "5");
                    problems.send(rc, 503, "Service Unavailable", "signing out could not be completed; try again");
                });
    }
}

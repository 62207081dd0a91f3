package io.trackersuite.gateway.security;

import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import io.trackersuite.gateway.http.ClientRequest;
import io.trackersuite.security.ApiKeyRing;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * What the gateway tells browsers on every response (CSP without inline scripts, HSTS on TLS, no framing, no
 * sniffing, no referrer leaks), and the CSRF check: a state-changing request that relies on the session cookie must
 * come from one of our own pages (Origin, or Sec-Fetch-Site when a browser omits Origin).
 */
@Singleton
public class BrowserProtection {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final Set<String> trustedOrigins;

    public BrowserProtection(SecurityConfig config) {
        this.trustedOrigins = Set.copyOf(config.trustedOrigins().orElse(List.of()));
    }

    public void addSecurityHeaders(RoutingContext rc) {
        boolean secure = ClientRequest.secure(rc);
        rc.addHeadersEndHandler(ignored -> {
            MultiMap headers = rc.response().headers();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
            headers.set("X-Frame-Options", "DENY");
            if (secure) {
                headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
        });
    }

    /** False when a cookie-authenticated state-changing request did not come from our own pages. */
    public boolean passesCsrfCheck(RoutingContext rc, String ownOrigin) {
        HttpServerRequest request = rc.request();
        if (ClientRequest.isRead(request.method()) || !hasSessionCookie(request)
                || request.getHeader("Authorization") != null || request.getHeader(ApiKeyRing.HEADER) != null) {
            return true; // bearer tokens and API keys are not sent by browsers on their own: no CSRF risk
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return origin.equals(ownOrigin) || trustedOrigins.contains(origin);
        }
        return "same-origin".equals(request.getHeader("Sec-Fetch-Site"));
    }

    /**
     * False when a browser opens a WebSocket from another site's page: the browser would send our cookies along
     * (cross-site WebSocket hijacking). Clients without an Origin are not browsers and carry no ambient cookies.
     */
    public boolean passesWebSocketOriginCheck(RoutingContext rc, String ownOrigin) {
        if (!ClientRequest.isWebSocketUpgrade(rc.request())) {
            return true;
        }
        String origin = rc.request().getHeader("Origin");
        return origin == null || origin.equals(ownOrigin) || trustedOrigins.contains(origin);
    }

    private static boolean hasSessionCookie(HttpServerRequest request) {
        String cookies = request.getHeader("Cookie");
        return cookies != null && cookies.contains("q_session");
    }
}

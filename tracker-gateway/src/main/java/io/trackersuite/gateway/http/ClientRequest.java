package io.trackersuite.gateway.http;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** What the gateway learned about a request on its way in, kept on the routing context for later handlers. */
public final class ClientRequest {

    // routing-context keys: written only by routing.EdgeGuard as a request comes in, read through the helpers below
    public static final String IP = "gateway.client-ip";
    public static final String SECURE = "gateway.secure";
    public static final String ORIGIN = "gateway.origin";

    private ClientRequest() {
    }

    /** The client's IP, X-Forwarded-For believed only from trusted proxies. */
    public static String ip(RoutingContext rc) {
        String ip = rc.get(IP);
        return ip == null ? "unknown" : ip;
    }

    /** The browser reached us over TLS (directly or through a trusted load balancer terminating it). */
    public static boolean secure(RoutingContext rc) {
        return Boolean.TRUE.equals(rc.get(SECURE));
    }

    /** The gateway's own origin as this client reached it ({@code https://host}), for CSRF checks and redirects. */
    public static String origin(RoutingContext rc) {
        return rc.get(ORIGIN);
    }

    /** The identity security.Authentication established (for requests that present credentials), or null when anonymous. */
    public static SecurityIdentity identity(RoutingContext rc) {
        if (rc.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return user.getSecurityIdentity();
        }
        return null;
    }

    /** A browser login (OIDC code flow), as opposed to a bearer token or an API key; false for null. */
    public static boolean isBrowserLogin(SecurityIdentity identity) {
        return identity != null && !identity.isAnonymous() && identity.getCredential(IdTokenCredential.class) != null;
    }

    /** A WebSocket handshake: the request becomes a connection that outlives it. */
    public static boolean isWebSocketUpgrade(HttpServerRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    public static boolean isRead(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    /** A page load by a browser, which should be sent to the login page rather than get a 401 body. */
    public static boolean wantsHtml(RoutingContext rc) {
        return wantsHtml(rc.request().method().name(), rc.request().getHeader("Accept"));
    }

    public static boolean wantsHtml(String method, String accept) {
        return HttpMethod.GET.name().equals(method) && accept != null && accept.contains("text/html");
    }
}

package io.trackersuite.gateway.routing;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.trackersuite.gateway.http.ClientRequest;
import io.trackersuite.gateway.http.Pipeline;
import io.trackersuite.gateway.http.Problems;
import io.trackersuite.gateway.security.Authentication;
import io.trackersuite.gateway.security.BrowserProtection;
import io.trackersuite.gateway.security.FailedLogins;
import io.trackersuite.gateway.security.SecurityConfig;
import io.trackersuite.gateway.traffic.TrafficRecorder;
import io.trackersuite.net.ClientIp;
import io.trackersuite.net.IpRanges;
import io.trackersuite.security.ApiKeyRing;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The first handler of every request, before authentication: works out who the client is, adds the security
 * headers, times the request, and refuses what must never reach a service (unsafe paths, oversized bodies,
 * cross-site changes, clients locked out after failed sign-ins).
 */
@Singleton
public class EdgeGuard {

    static final String RESPONSE_TIME = "X-Response-Time";
    private static final Logger LOG = Logger.getLogger(EdgeGuard.class);
    /**
     * A client that goes away resets its connections (a closed tab, a phone leaving the network). Without a handler
     * of its own, Vert.x logs each reset as an ERROR: a normal event, reported at DEBUG instead.
     */
    private static final Handler<Throwable> CLIENT_CONNECTION_FAILURE = failure -> LOG.debugf(
            "client connection failed: %s", failure.getMessage());

    private final IpRanges trustedProxies;
    private final BrowserProtection browser;
    private final ProxyRoutes routes;
    private final TrafficRecorder traffic;
    private final FailedLogins failedLogins;
    private final String callbackPath;
    private final Problems problems;
    private final Authentication authentication;

    public EdgeGuard(SecurityConfig config, BrowserProtection browser, ProxyRoutes routes, TrafficRecorder traffic,
            FailedLogins failedLogins, Problems problems, Authentication authentication,
            @ConfigProperty(name = "quarkus.oidc.authentication.redirect-path") String callbackPath) {
        this.trustedProxies = IpRanges.of(config.trustedProxies().orElse(List.of()));
        this.browser = browser;
        this.routes = routes;
        this.traffic = traffic;
        this.failedLogins = failedLogins;
        this.callbackPath = callbackPath;
        this.problems = problems;
        this.authentication = authentication;
    }

    void register(@Observes Router router) {
        router.route().order(Pipeline.EDGE).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        request.pause(); // the body waits for the proxy, whatever asynchronous checks come first
        request.connection().exceptionHandler(CLIENT_CONNECTION_FAILURE);
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        boolean trusted = peer != null && trustedProxies.contains(peer);
        rc.put(ForwardedHeaders.PEER_TRUSTED, trusted);
        rc.put(ClientRequest.IP, ClientIp.resolve(trustedProxies, peer, request.getHeader("X-Forwarded-For")));
        rc.put(ClientRequest.SECURE, request.isSSL()
                || trusted && "https".equalsIgnoreCase(firstValue(request.getHeader("X-Forwarded-Proto"))));
        browser.addSecurityHeaders(rc);

        String path = request.path();
        Upstream route = PathGuard.isSafe(path) && PathGuard.isCanonical(path) ? routes.find(path) : null;
        if (route != null) {
            rc.put(ProxyRoutes.ROUTE, route);
        }
        if (!path.startsWith("/q/")) {
            timeRequest(rc, route == null ? "gateway" : route.name());
        }
        String host = request.authority() == null ? null : request.authority().toString();
        if (host == null || host.isBlank()) {
            problems.send(rc, 400, "Bad Request", "send a Host header");
            return;
        }
        rc.put(ClientRequest.ORIGIN, ownOrigin(rc, trusted, host));
        if (!PathGuard.isSafe(path)) {
            problems.send(rc, 400, "Bad Request", "the path contains dot segments or encoded separators");
            return;
        }
        if (!PathGuard.isCanonical(path)) {
            // routing, limits and the service must all see one path: "/%61pi" would be "/api" to the router only
            problems.send(rc, 400, "Bad Request", "the path has a malformed escape or percent-encodes characters that need none");
            return;
        }
        if (!withinBodyLimit(rc, route)) {
            return;
        }
        if (!browser.passesCsrfCheck(rc, ClientRequest.origin(rc))) {
            problems.send(rc, 403, "Forbidden", "cross-site request refused: send it from the suite's own pages");
            return;
        }
        if (!browser.passesWebSocketOriginCheck(rc, ClientRequest.origin(rc))) {
            problems.send(rc, 403, "Forbidden", "WebSocket from another site refused: connect from the suite's own pages");
            return;
        }
        if (route != null && !authentication.presentsCredentials(rc)) {
            // anonymous (most of the public tracker's traffic): lock-outs, sign-in, login sessions and the path
            // policies have nothing to do for it, so it goes straight to its route's roles, rate limit and service
            routes.forward(rc, route);
            return;
        }
        List<String> subjects = lockoutSubjects(rc, path);
        if (subjects.isEmpty()) {
            rc.next();
            return;
        }
        Uni.join().all(subjects.stream().map(failedLogins::lockedFor).toList()).andFailFast()
                .map(seconds -> seconds.stream().mapToLong(Long::longValue).max().orElse(0))
                .subscribe().with(lockedSeconds -> {
                    if (lockedSeconds > 0) {
                        rc.response().putHeader("Retry-After", Long.toString(lockedSeconds));
                        problems.send(rc, 429, "Too Many Requests",
                                "too many failed sign-in attempts; retry after " + lockedSeconds + " s");
                    } else {
                        rc.next();
                    }
                }, failure -> rc.next()); // Redis away: credentials are still checked, only the lock-out is skipped
    }

    /** Requests that present credentials are checked against the lock-outs, by client IP and API key id. */
    private List<String> lockoutSubjects(RoutingContext rc, String path) {
        HttpServerRequest request = rc.request();
        String apiKey = request.getHeader(ApiKeyRing.HEADER);
        if (apiKey == null && request.getHeader("Authorization") == null && !path.equals(callbackPath)) {
            return List.of();
        }
        List<String> subjects = new ArrayList<>();
        subjects.add("ip:" + ClientRequest.ip(rc));
        ApiKeyRing.keyId(apiKey).ifPresent(id -> subjects.add(FailedLogins.keySubject(id, ClientRequest.ip(rc))));
        return subjects;
    }

    /** {@code 12.345ms}: milliseconds with three decimals, the format of Express's response-time middleware. */
    static String responseTime(long nanos) {
        long micros = nanos / 1000;
        long fraction = micros % 1000;
        return (micros / 1000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction + "ms";
    }

    private void timeRequest(RoutingContext rc, String group) {
        long start = System.nanoTime();
        boolean webSocket = ClientRequest.isWebSocketUpgrade(rc.request());
        if (!webSocket) {
            // as the original tracker's responses did (Express response-time): time until the headers leave
            rc.addHeadersEndHandler(ignored -> rc.response().putHeader(RESPONSE_TIME,
                    responseTime(System.nanoTime() - start)));
        }
        rc.addEndHandler(ignored -> {
            if (!webSocket) { // a WebSocket's "duration" is the whole connection: not a latency
                traffic.record(group, rc.response().getStatusCode(), System.nanoTime() - start);
            }
        });
    }

    /**
     * Bodies are limited per route (the gateway's own endpoints by quarkus.http.limits.max-body-size): a declared
     * length above the limit is 413, whatever the method; a change whose body has an unknown length (chunked, or an
     * HTTP/2 stream without Content-Length) is 411, as its size could only be learnt by reading it.
     */
    private boolean withinBodyLimit(RoutingContext rc, Upstream route) {
        if (route == null) {
            return true;
        }
        HttpServerRequest request = rc.request();
        long maxBody = route.maxBodySize();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean unknownLength = length == null && !ClientRequest.isRead(request.method())
                && (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                        || request.version() == HttpVersion.HTTP_2 && !request.isEnded());
        if (unknownLength) {
            problems.send(rc, 411, "Length Required", "send the body with a Content-Length");
            return false;
        }
        if (length != null && parseLength(length) > maxBody) {
            problems.send(rc, 413, "Content Too Large", "the body is larger than " + maxBody + " bytes");
            return false;
        }
        return true;
    }

    private static String ownOrigin(RoutingContext rc, boolean trusted, String authority) {
        String host = trusted ? firstValue(rc.request().getHeader("X-Forwarded-Host")) : null;
        if (host == null) {
            host = authority;
        }
        return (Boolean.TRUE.equals(rc.get(ClientRequest.SECURE)) ? "https://" : "http://") + host;
    }

    private static String firstValue(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // unreadable: treat as too large
        }
    }
}

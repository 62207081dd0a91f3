package io.trackersuite.gateway.routing;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.trackersuite.gateway.http.ClientRequest;
import io.trackersuite.gateway.http.Pipeline;
import io.trackersuite.gateway.http.Problems;
import io.trackersuite.gateway.ratelimit.RateLimiter;
import io.trackersuite.security.ApiKeyAuthenticationMechanism;
import io.trackersuite.security.ApiKeyRing;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The reverse proxy: one Vert.x route per configured path, each checking roles and the rate limit, then handing the
 * request to a {@link RequestRelay} (streaming bodies both ways, hop-by-hop headers dropped), or a WebSocket upgrade to
 * a {@link WebSocketTunnel}. A service that is down gives 502, one that stays silent past the route's timeout 504,
 * both as problems.
 */
@Singleton
public class ProxyRoutes {

    /** Routing-context key: the {@link Upstream} chosen for the request, or absent. */
    static final String ROUTE = "gateway.route";

    private final Vertx vertx;
    private final RoutingConfig config;
    private final int eventLoops;
    /** The configured routes, in the order they win ties. */
    private final RouteTable<Upstream> table = new RouteTable<>();
    private final RateLimiter rateLimiter;
    private final Problems problems;

    public ProxyRoutes(Vertx vertx, RoutingConfig config, RateLimiter rateLimiter, Problems problems,
            @ConfigProperty(name = "quarkus.vertx.event-loops-pool-size") Optional<Integer> eventLoops) {
        this.vertx = vertx;
        this.config = config;
        // Quarkus's documented default: two event loops per core
        this.eventLoops = eventLoops.orElse(2 * Runtime.getRuntime().availableProcessors());
        this.rateLimiter = rateLimiter;
        this.problems = problems;
        config.routes().forEach((name, route) -> table.add(List.copyOf(route.paths()), upstream(name, route)));
    }

    private Upstream upstream(String name, RoutingConfig.Route route) {
        return Upstream.of(name, route, ThreadLocal.withInitial(() -> proxies(route)));
    }

    /** One handler for every route: the route was chosen once, by EdgeGuard, from the same path its limits used. */
    void register(@Observes Router router) {
        router.route().order(Pipeline.PROXY).handler(rc -> {
            Upstream upstream = rc.get(ROUTE);
            if (upstream == null) {
                rc.next(); // the gateway's own pages and endpoints
            } else {
                forward(rc, upstream);
            }
        });
    }

    /** The route serving a path, or null when the gateway serves it itself (its own pages, /q/*). */
    Upstream find(String path) {
        return table.find(path);
    }

    /**
     * Roles, the rate limit, then the service. Called by the router for requests that went through authentication,
     * and by {@link EdgeGuard} directly for requests that present no credentials (nothing in between applies to them).
     */
    void forward(RoutingContext rc, Upstream upstream) {
        SecurityIdentity identity = ClientRequest.identity(rc);
        boolean read = ClientRequest.isRead(rc.request().method());
        List<String> roles = upstream.rolesFor(read || upstream.isReadOnlyPost(rc.request().path()));
        if (!roles.isEmpty()) {
            if (identity == null) {
                refuseAnonymous(rc);
                return;
            }
            if (roles.stream().noneMatch(identity.getRoles()::contains)) {
                problems.send(rc, 403, "Forbidden", "this needs one of the roles " + roles);
                return;
            }
        }
        String apiKeyId = identity == null ? null : identity.getAttribute(ApiKeyAuthenticationMechanism.KEY_ID);
        CompletableFuture<RateLimiter.Decision> decision = rateLimiter
                .check(upstream.rateLimitPlan(), ClientRequest.ip(rc), apiKeyId).toCompletableFuture();
        if (decision.isDone()) {
            // the usual case: the replica's own share of the budget answered at once (whenComplete runs inline)
            decision.whenComplete((verdict, failure) -> obey(rc, upstream, identity, read, failure, verdict));
            return;
        }
        Context context = Vertx.currentContext();
        decision.whenComplete((verdict, failure) -> context.runOnContext(
                ignored -> obey(rc, upstream, identity, read, failure, verdict)));
    }

    private void obey(RoutingContext rc, Upstream upstream, SecurityIdentity identity, boolean read,
            Throwable limiterFailure, RateLimiter.Decision decision) {
        if (limiterFailure != null) {
            // Redis unreachable: reads keep working, changes wait until the limiter is back
            if (read) {
                proxy(rc, upstream, identity);
            } else {
                rc.response().putHeader("Retry-After", "5");
                problems.send(rc, 503, "Service Unavailable",
                        "the rate limiter is unavailable; changes are refused until it is back");
            }
        } else if (!decision.allowed()) {
            rc.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            problems.send(rc, 429, "Too Many Requests",
                    "rate limit exceeded; retry after " + decision.retryAfterSeconds() + " s");
        } else {
            proxy(rc, upstream, identity);
        }
    }

    private void refuseAnonymous(RoutingContext rc) {
        if (ClientRequest.wantsHtml(rc)) {
            rc.redirect("/login?redirect=" + URLEncoder.encode(rc.request().uri(), StandardCharsets.UTF_8));
            return;
        }
        rc.response().putHeader("WWW-Authenticate", "Bearer");
        problems.send(rc, 401, "Unauthorized", "sign in, or send a bearer token or an API key");
    }

    private void proxy(RoutingContext rc, Upstream upstream, SecurityIdentity identity) {
        MultiMap headers = rc.request().headers();
        ForwardedHeaders.apply(rc);
        // The services never see the gateway's own credentials: cookies stay here, API keys too unless the route's
        // service checks them itself.
        headers.remove("Cookie");
        if (!upstream.forwardApiKey()) {
            headers.remove(ApiKeyRing.HEADER);
        }
        if (ClientRequest.isBrowserLogin(identity)) {
            AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
            if (token != null) {
                headers.set("Authorization", "Bearer " + token.getToken());
            }
        }
        Upstream.Proxies proxies = upstream.proxies().get();
        if (ClientRequest.isWebSocketUpgrade(rc.request())) {
            proxies.webSockets().open(rc.request(), failure -> UpstreamFailure.answer(rc, problems, failure));
        } else {
            proxies.requests().forward(rc);
        }
    }

    /**
     * Built once per event loop (see {@link Upstream#proxies()}): a request and its upstream connection are then served
     * by the same thread, with no hand-over between loops, and the configured connections are shared out among them.
     */
    private Upstream.Proxies proxies(RoutingConfig.Route route) {
        URI uri = URI.create(route.upstream());
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        SocketAddress origin = SocketAddress.inetSocketAddress(port, uri.getHost());
        HttpClient requests = upstreamClient(vertx, tls, share(config.upstreamConnections(), eventLoops));
        HttpClient webSockets = upstreamClient(vertx, tls, share(config.upstreamWebSockets(), eventLoops));
        long timeoutMillis = route.timeout().toMillis();
        RequestOptions options = new RequestOptions().setServer(origin).setIdleTimeout(timeoutMillis);
        return new Upstream.Proxies(new RequestRelay(requests, options, route.upstream(), problems),
                new WebSocketTunnel(webSockets, origin, timeoutMillis));
    }

    private static int share(int connections, int eventLoops) {
        return Math.max(1, (connections + eventLoops - 1) / eventLoops);
    }

    private static HttpClient upstreamClient(Vertx vertx, boolean tls, int connections) {
        return vertx.createHttpClient(new HttpClientOptions()
                .setSsl(tls)
                .setConnectTimeout(2_000)
                .setKeepAlive(true)
                .setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections));
    }
}

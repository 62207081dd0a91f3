package io.trackersuite.gateway.routing;

import java.util.List;

import io.vertx.httpproxy.HttpProxy;

/** One configured route group and the proxies that forward it: one per event loop, each with its own connections. */
record Upstream(String name, RoutingConfig.Route config, ThreadLocal<Proxies> proxies) {

    /** Plain requests go through the reverse proxy, WebSocket upgrades through the tunnel. */
    record Proxies(HttpProxy requests, WebSocketTunnel webSockets) {
    }

    List<String> rolesFor(boolean read) {
        return (read ? config.readRoles() : config.writeRoles()).orElse(List.of());
    }

    /** POSTs that only read (queries, dry runs): the read roles apply, the service checks the rest itself. */
    boolean isReadOnlyPost(String path) {
        return config.readOnlyPosts().orElse(List.of()).contains(path);
    }

    /**
     * How specifically this route serves the path: -1 not at all; an exact path beats every prefix, a longer prefix
     * a shorter one.
     */
    int matchScore(String path) {
        int best = -1;
        for (String pattern : config.paths()) {
            boolean prefix = pattern.endsWith("/") && pattern.length() > 1;
            if (!prefix && path.equals(pattern)) {
                return Integer.MAX_VALUE;
            }
            if (prefix && (path.startsWith(pattern) || path.equals(pattern.substring(0, pattern.length() - 1)))) {
                best = Math.max(best, pattern.length());
            }
        }
        return best;
    }
}

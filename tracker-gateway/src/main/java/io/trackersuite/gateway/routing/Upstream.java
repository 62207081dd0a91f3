package io.trackersuite.gateway.routing;

import java.util.List;

/**
 * One route group and the proxies that forward it: one per event loop, each with its own connections. The route's
 * settings are copied out of the configuration once, so a request reads plain fields.
 */
record Upstream(String name, List<String> paths, List<String> readRoles, List<String> writeRoles,
        List<String> readOnlyPosts, String rateLimitPlan, boolean forwardApiKey, long maxBodySize,
        ThreadLocal<Proxies> proxies) {

    /** Plain requests go through the reverse proxy, WebSocket upgrades through the tunnel. */
    record Proxies(RequestRelay requests, WebSocketTunnel webSockets) {
    }

    static Upstream of(String name, RoutingConfig.Route route, ThreadLocal<Proxies> proxies) {
        return new Upstream(name, List.copyOf(route.paths()), route.readRoles().map(List::copyOf).orElse(List.of()),
                route.writeRoles().map(List::copyOf).orElse(List.of()),
                route.readOnlyPosts().map(List::copyOf).orElse(List.of()), route.rateLimit(), route.forwardApiKey(),
                route.maxBodySize().asLongValue(), proxies);
    }

    List<String> rolesFor(boolean read) {
        return read ? readRoles : writeRoles;
    }

    /** POSTs that only read (queries, dry runs): the read roles apply, the service checks the rest itself. */
    boolean isReadOnlyPost(String path) {
        return readOnlyPosts.contains(path);
    }
}

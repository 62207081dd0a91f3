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
}

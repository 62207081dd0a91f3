package io.trackersuite.gateway.routing;

import java.util.List;

import io.vertx.httpproxy.HttpProxy;

/** One configured route group and the proxy that forwards it. */
record Upstream(String name, RoutingConfig.Route config, HttpProxy proxy) {

    List<String> rolesFor(boolean read) {
        return (read ? config.readRoles() : config.writeRoles()).orElse(List.of());
    }

    boolean matches(String path) {
        for (String pattern : config.paths()) {
            boolean prefix = pattern.endsWith("/") && pattern.length() > 1;
            if (prefix ? path.startsWith(pattern) || path.equals(pattern.substring(0, pattern.length() - 1))
                    : path.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}

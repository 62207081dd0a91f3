package io.trackersuite.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's routes to the services: which paths go where, who may call them, how long we wait. */
@ConfigMapping(prefix = "gateway.routing")
public interface RoutingConfig {

    /** Route groups by name (the name is also the {@code routeGroup} of traffic events and metrics). */
    Map<String, Route> routes();

    /** Kept-alive HTTP connections to each service, per gateway replica. */
    @WithDefault("256")
    int upstreamConnections();

    /**
     * WebSockets each replica may hold open to one service. An upgraded connection keeps its slot for as long as
     * it lives, so WebSockets have a pool of their own: they can never take the connections of plain requests.
     */
    @WithDefault("20000")
    int upstreamWebSockets();

    interface Route {

        /** Paths this route serves: {@code /api/presence/} (ending with a slash) is a prefix, anything else exact. */
        List<String> paths();

        /** Base URL of the service, e.g. {@code http://session-service:8081} in the cluster. */
        String upstream();

        /** How long the service may stay silent before the caller gets 504; 0 for long-lived streams. */
        @WithDefault("30s")
        Duration timeout();

        /** Roles allowed to read (GET, HEAD); empty: anyone, signed in or not. */
        Optional<List<String>> readRoles();

        /** Roles allowed to change things (POST, PUT, PATCH, DELETE); empty: anyone. */
        Optional<List<String>> writeRoles();

        /**
         * POST paths of this route that change nothing (queries, dry runs), so {@link #readRoles()} apply to them;
         * the service still checks each request itself (e.g. a real action needs operator at the scanner).
         */
        Optional<List<String>> readOnlyPosts();

        /** Name of the rate-limit plan in {@code gateway.rate-limit.plans}. */
        @WithDefault("default")
        String rateLimit();

        /**
         * Whether the service gets the client's {@code X-API-Key} (after the gateway has checked it). Only for services
         * that verify the same keys themselves to know who acts (the scanner's audit); others never see a key.
         */
        @WithDefault("false")
        boolean forwardApiKey();

        /** Largest request body forwarded; above it 413 and nothing reaches the service. */
        @WithDefault("1M")
        MemorySize maxBodySize();
    }
}

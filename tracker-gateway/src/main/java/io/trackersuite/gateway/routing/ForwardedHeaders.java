package io.trackersuite.gateway.routing;

import io.trackersuite.gateway.http.ClientRequest;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * X-Forwarded-For/-Proto/-Host for the services. From a trusted proxy (the load balancer) the chain is extended;
 * from anyone else whatever the client claimed is thrown away and replaced by what the gateway saw.
 */
final class ForwardedHeaders {

    static final String PEER_TRUSTED = "gateway.peer-trusted";

    private ForwardedHeaders() {
    }

    static void apply(RoutingContext rc) {
        MultiMap headers = rc.request().headers();
        String peer = rc.request().remoteAddress().hostAddress();
        boolean trusted = Boolean.TRUE.equals(rc.get(PEER_TRUSTED));
        String forwardedFor = trusted ? headers.get("X-Forwarded-For") : null;
        String forwardedHost = trusted ? headers.get("X-Forwarded-Host") : null;
        headers.remove("Forwarded");
        headers.remove("X-Real-IP");
        headers.set("X-Forwarded-For", forwardedFor == null || forwardedFor.isBlank() ? peer : forwardedFor + ", " + peer);
        headers.set("X-Forwarded-Proto", ClientRequest.secure(rc) ? "https" : "http");
        String host = forwardedHost != null ? forwardedHost : headers.get("Host");
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
    }
}

package io.trackersuite.gateway.web;

import io.trackersuite.api.Problem;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Writes RFC 9457 problem bodies from the gateway's own Vert.x handlers (never a stack trace, never upstream data). */
public final class Problems {

    private Problems() {
    }

    public static void send(RoutingContext rc, int status, String title, String detail) {
        if (rc.response().ended()) {
            return;
        }
        if (rc.response().headWritten()) {
            rc.response().reset(); // a half-sent upstream response cannot be turned into a problem: cut it
            return;
        }
        rc.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(Json.encode(Problem.of(status, title, detail)));
    }
}

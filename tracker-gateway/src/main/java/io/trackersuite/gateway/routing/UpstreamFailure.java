package io.trackersuite.gateway.routing;

import java.util.concurrent.TimeoutException;

import io.trackersuite.gateway.http.Problems;
import io.vertx.ext.web.RoutingContext;

/** What the client is told when its service could not be reached (502) or stayed silent too long (504). */
final class UpstreamFailure {

    private UpstreamFailure() {
    }

    static void answer(RoutingContext rc, Problems problems, Throwable failure) {
        if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
            problems.send(rc, 504, "Gateway Timeout", "the service did not answer in time");
        } else {
            problems.send(rc, 502, "Bad Gateway", "the service is unavailable");
        }
    }
}

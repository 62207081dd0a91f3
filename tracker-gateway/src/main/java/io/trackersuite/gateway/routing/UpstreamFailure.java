package io.trackersuite.gateway.routing;

import java.util.concurrent.TimeoutException;

/** What the client is told when its service could not be reached (502) or stayed silent too long (504). */
record UpstreamFailure(int status, String title, String detail) {

    static UpstreamFailure of(Throwable failure) {
        boolean timedOut = failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException;
        return timedOut ? new UpstreamFailure(504, "Gateway Timeout", "the service did not answer in time")
                : new UpstreamFailure(502, "Bad Gateway", "the service is unavailable");
    }
}

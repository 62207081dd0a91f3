package io.trackersuite.gateway.logins;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.trackersuite.gateway.http.ClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * What each login session has open on this replica, so that the end of a session also ends it: an SSE feed or a
 * WebSocket proxied before the logout or termination would otherwise keep streaming to a signed-out user.
 */
@ApplicationScoped
public class LiveRequests {

    private final Map<String, Set<Runnable>> cutsBySession = new ConcurrentHashMap<>();

    /** Tracks the request until its response ends, or a WebSocket until its connection closes. */
    public void track(String sessionId, RoutingContext rc) {
        HttpServerRequest request = rc.request();
        boolean webSocket = ClientRequest.isWebSocketUpgrade(request);
        // a WebSocket outlives its upgrade request: its connection, which it has to itself, is closed instead
        Runnable cut = webSocket ? () -> request.connection().close() : () -> request.response().reset();
        cutsBySession.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(cut);
        if (webSocket) {
            request.connection().closeHandler(ignored -> forget(sessionId, cut));
        } else {
            rc.addEndHandler(ignored -> forget(sessionId, cut));
        }
    }

    /** Cuts what the session has open here: a request's HTTP/2 stream is reset (HTTP/1.1: its connection closed). */
    public void closeAll(String sessionId) {
        Set<Runnable> cuts = cutsBySession.remove(sessionId);
        if (cuts != null) {
            cuts.forEach(Runnable::run);
        }
    }

    private void forget(String sessionId, Runnable cut) {
        cutsBySession.computeIfPresent(sessionId, (id, cuts) -> {
            cuts.remove(cut);
            return cuts.isEmpty() ? null : cuts;
        });
    }
}

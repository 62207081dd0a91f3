package io.trackersuite.gateway.routing;

import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

/**
 * A WebSocket passed through to its service as a byte tunnel once the service accepted the upgrade: the two
 * connections as Vert.x sockets, each piped into the other. A pipe waits for its destination to drain (a client that
 * stops reading holds back its service instead of growing the gateway's buffers) and ends it when its source ends, so
 * either side leaving closes the other. The client connection keeps its idle timeout; what the service sends counts
 * as use.
 */
final class WebSocketTunnel {

    private static final Logger LOG = Logger.getLogger(WebSocketTunnel.class);

    private final HttpClient client;
    private final SocketAddress origin;
    /** The route's timeout, as for its plain requests (0: none, the usual for WebSocket routes). */
    private final long idleTimeoutMillis;

    WebSocketTunnel(HttpClient client, SocketAddress origin, long idleTimeoutMillis) {
        this.client = client;
        this.origin = origin;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    /**
     * Sends the upgrade request as the client sent it (headers already prepared by the gateway). A refusal is relayed
     * as it came; {@code unavailable} answers, with the failure, when the service cannot be reached or stays silent.
     */
    void open(HttpServerRequest request, Consumer<Throwable> unavailable) {
        RequestOptions upgrade = new RequestOptions().setServer(origin).setMethod(request.method())
                .setURI(request.uri()).setHeaders(request.headers()).setIdleTimeout(idleTimeoutMillis);
        // connect(): on a 101 the connection turns into a raw byte stream for this request alone
        client.request(upgrade).compose(serviceRequest -> {
            // the tunnel's end closes the request's connection: expected, not an error
            serviceRequest.exceptionHandler(failure -> LOG.debugf("WebSocket to %s: %s", origin, failure.getMessage()));
            return serviceRequest.connect();
        }).onComplete(sent -> {
            if (sent.failed()) {
                LOG.debugf("WebSocket upgrade to %s failed: %s", origin, sent.cause().toString());
                unavailable.accept(sent.cause());
            } else if (sent.result().statusCode() != 101) {
                relay(sent.result(), request);
            } else {
                connect(request, sent.result());
            }
        });
    }

    /** The service accepted: the client's side is upgraded too, then the two sockets are piped into each other. */
    private static void connect(HttpServerRequest request, HttpClientResponse accepted) {
        NetSocket service = accepted.netSocket();
        // what the service sends right after its answer (often the presence snapshot) waits for the client's side
        service.pause();
        // the tunnel's end closes the response's connection: expected, not an error
        service.exceptionHandler(failure -> LOG.debugf("WebSocket from %s: %s", accepted.request().getURI(),
                failure.getMessage()));
        // the client's 101 carries the service's handshake answer (Upgrade, Sec-WebSocket-Accept, the protocol)
        request.response().headers().setAll(accepted.headers());
        Future<NetSocket> upgrade;
        try {
            // a client gone by now (a reset, a closed tab) cannot be upgraded: Vert.x throws, or fails the future,
            // and the service's side must be closed either way, or it would count a visitor nobody is (until its
            // heartbeat timeout) and keep the connection
            upgrade = request.response().closed() ? Future.failedFuture("the client closed its connection")
                    : request.toNetSocket();
        } catch (RuntimeException gone) {
            upgrade = Future.failedFuture(gone);
        }
        upgrade.onComplete(upgraded -> {
            if (upgraded.failed()) {
                LOG.debugf("client left during the WebSocket upgrade: %s", upgraded.cause().toString());
                service.close();
                return;
            }
            NetSocket client = upgraded.result();
            client.exceptionHandler(failure -> LOG.debugf("WebSocket client: %s", failure.getMessage()));
            client.pipeTo(service);
            service.pipeTo(client);
        });
    }

    /** The service refused the upgrade (401, 403, 429...): the client gets its answer unchanged. */
    private static void relay(HttpClientResponse refusal, HttpServerRequest request) {
        request.response().setStatusCode(refusal.statusCode()).setStatusMessage(refusal.statusMessage());
        request.response().headers().addAll(refusal.headers());
        request.resume();
        refusal.pipeTo(request.response());
    }
}

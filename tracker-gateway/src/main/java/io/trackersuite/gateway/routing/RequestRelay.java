package io.trackersuite.gateway.routing;

import java.util.Date;
import java.util.Map;

import org.jboss.logging.Logger;

import io.netty.handler.codec.DateFormatter;
import io.trackersuite.gateway.http.Problems;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.Pipe;
import io.vertx.ext.web.RoutingContext;

/**
 * Forwards a plain HTTP request to its service over Vert.x's HTTP client and streams the answer back: bodies both
 * ways with back-pressure, hop-by-hop headers dropped, a {@code Date} added when the service sent none (RFC 9110
 * 6.6.1), a {@code Location} naming the service's own address rewritten to the one the client used. A service that
 * cannot be reached answers 502, one silent past the route's timeout 504, as the gateway's own problems.
 * <p>
 * It replaced vertx-http-proxy on this path (2026-12-02): the library copies every request's and response's headers
 * into maps of its own, formats and parses each response's {@code Date}, and chains a future per step, which cost the
 * gateway 10% of its CPU per request under {@code gateway-compare.sh} (README, benchmarks). One relay per event
 * loop, so its fields need no locking.
 */
final class RequestRelay {

    private static final Logger LOG = Logger.getLogger(RequestRelay.class);

    private final HttpClient client;
    private final RequestOptions options;
    private final String upstreamBase;
    private final Problems problems;
    /** The {@code Date} value of the current second, formatted once per second rather than once per response. */
    private long dateSecond = -1;
    private String date;

    RequestRelay(HttpClient client, RequestOptions options, String upstream, Problems problems) {
        this.client = client;
        this.options = options;
        this.upstreamBase = upstream.replaceAll("/+$", "");
        this.problems = problems;
    }

    void forward(RoutingContext rc) {
        HttpServerRequest edge = rc.request();
        Boolean chunked = chunked(edge.headers());
        if (chunked == null) {
            problems.send(rc, 400, "Bad Request", "only the chunked transfer coding is accepted");
            return;
        }
        // the body waits in the socket until the service's connection is there to take it
        edge.pause();
        client.request(options).onComplete(leased -> {
            if (leased.failed()) {
                edge.resume();
                unavailable(rc, leased.cause());
                return;
            }
            HttpClientRequest upstream = leased.result();
            // a client leaving makes the upstream request reset: expected, not an error to log
            upstream.exceptionHandler(failure -> LOG.debugf("upstream request ended early: %s", failure.toString()));
            if (edge.response().closed()) {
                // the client left meanwhile: the connection goes straight back, unsent
                upstream.reset();
            } else {
                send(rc, upstream, chunked);
            }
        });
    }

    private void send(RoutingContext rc, HttpClientRequest upstream, boolean chunked) {
        HttpServerRequest edge = rc.request();
        edge.response().exceptionHandler(failure -> upstream.reset(0L, failure));
        upstream.response().onComplete(answer -> respond(rc, answer));
        upstream.setMethod(edge.method()).setURI(edge.uri());
        MultiMap headers = upstream.headers();
        for (Map.Entry<String, String> header : edge.headers()) {
            String name = header.getKey();
            if (!isHopByHop(name) && !name.equalsIgnoreCase("Host")) {
                headers.add(name, header.getValue());
            }
        }
        String length = edge.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean body = chunked || length != null && !"0".equals(length)
                || edge.version() == HttpVersion.HTTP_2 && !edge.isEnded();
        if (!body) {
            edge.resume();
            upstream.end();
            return;
        }
        upstream.setChunked(length == null);
        Pipe<Buffer> pipe = edge.pipe();
        pipe.endOnFailure(false);
        pipe.to(upstream, sent -> {
            if (sent.failed()) {
                upstream.reset();
            }
        });
    }

    private void respond(RoutingContext rc, AsyncResult<HttpClientResponse> answer) {
        if (answer.failed()) {
            unavailable(rc, answer.cause());
            return;
        }
        HttpClientResponse service = answer.result();
        HttpServerResponse reply = rc.response();
        reply.setStatusCode(service.statusCode()).setStatusMessage(service.statusMessage());
        MultiMap headers = reply.headers();
        for (Map.Entry<String, String> header : service.headers()) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("Location")) {
                headers.add(name, clientAddress(rc, header.getValue()));
            } else if (!isHopByHop(name)) {
                headers.add(name, header.getValue());
            }
        }
        if (!headers.contains(HttpHeaders.DATE)) {
            headers.set(HttpHeaders.DATE, now());
        }
        if (!headers.contains(HttpHeaders.CONTENT_LENGTH) && rc.request().version() != HttpVersion.HTTP_1_0) {
            reply.setChunked(true); // an HTTP/1.0 client reads to the end of the connection instead
        }
        Pipe<Buffer> pipe = service.pipe();
        pipe.endOnFailure(false);
        pipe.to(reply, sent -> {
            if (sent.failed()) {
                // the client went away, or the service broke off mid-body: neither side can be finished cleanly
                service.request().reset();
                reply.reset();
            }
        });
    }

    /**
     * A redirect or a created resource names the service's own address ({@code http://localhost:8083/...}), which
     * the client cannot reach: it becomes the address the client used (the X-Forwarded-* the gateway set).
     */
    private String clientAddress(RoutingContext rc, String location) {
        if (location.startsWith(upstreamBase)
                && (location.length() == upstreamBase.length() || location.charAt(upstreamBase.length()) == '/')) {
            MultiMap request = rc.request().headers();
            return request.get("X-Forwarded-Proto") + "://" + request.get("X-Forwarded-Host")
                    + location.substring(upstreamBase.length());
        }
        return location;
    }

    private void unavailable(RoutingContext rc, Throwable failure) {
        LOG.debugf("service %s unavailable: %s", upstreamBase, failure.toString());
        UpstreamFailure.answer(rc, problems, failure);
    }

    private String now() {
        long millis = System.currentTimeMillis();
        if (millis / 1000 != dateSecond) {
            dateSecond = millis / 1000;
            date = DateFormatter.format(new Date(millis));
        }
        return date;
    }

    /** Connection-level headers (RFC 9110 7.6.1), which each hop sets for itself. */
    private static boolean isHopByHop(String name) {
        return switch (name.length()) {
            case 2 -> name.equalsIgnoreCase("TE");
            case 7 -> name.equalsIgnoreCase("Trailer") || name.equalsIgnoreCase("Upgrade");
            case 10 -> name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Keep-Alive");
            case 17 -> name.equalsIgnoreCase("Transfer-Encoding");
            case 18 -> name.equalsIgnoreCase("Proxy-Authenticate");
            case 19 -> name.equalsIgnoreCase("Proxy-Authorization");
            default -> false;
        };
    }

    /** Whether the body is chunked; null for a transfer coding other than chunked, which is not relayed. */
    private static Boolean chunked(MultiMap headers) {
        boolean chunked = false;
        for (String coding : headers.getAll(HttpHeaders.TRANSFER_ENCODING)) {
            if (!"chunked".equalsIgnoreCase(coding.trim())) {
                return null;
            }
            chunked = true;
        }
        return chunked;
    }
}

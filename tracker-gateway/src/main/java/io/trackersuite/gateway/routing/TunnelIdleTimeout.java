package io.trackersuite.gateway.routing;

import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The client connection's idle timeout ({@code quarkus.http.idle-timeout}), kept for a WebSocket tunnel without
 * Vert.x's {@link IdleStateHandler}. That handler learns when each write completed through a promise and a listener
 * made for the write: relaying presence deltas to 1,000 observers, they were three quarters of what the gateway
 * allocated, and the young collections they caused paused every delta in flight. In a tunnel each write to one side
 * is a read from the other, so the reads of both sides ({@link #used()}) say whether it is in use. A check every
 * quarter of the timeout closes the tunnel after four quarters without a read: between 1 and 1.25 timeouts of silence.
 */
final class TunnelIdleTimeout {

    private static final int CHECKS_PER_TIMEOUT = 4;

    private final Channel client;
    private final long checkEveryNanos;
    /** Only touched on the tunnel's event loop: both of its channels are served there. */
    private boolean used;
    private int quietChecks;
    private ScheduledFuture<?> nextCheck;

    private TunnelIdleTimeout(Channel client, long timeoutNanos) {
        this.client = client;
        this.checkEveryNanos = Math.max(1, timeoutNanos / CHECKS_PER_TIMEOUT);
    }

    /**
     * Replaces the client's idle handler with a check of the tunnel's reads, on the client's event loop. Returns
     * {@code null}, leaving the handler, where it cannot: no timeout is set, separate read and write timeouts are, or
     * the two sides are served by different event loops (the reads would then be counted on two threads).
     */
    static TunnelIdleTimeout takeOver(Channel client, Channel service) {
        IdleStateHandler handler = client.pipeline().get(IdleStateHandler.class);
        if (handler == null || handler.getAllIdleTimeInMillis() <= 0 || handler.getReaderIdleTimeInMillis() > 0
                || handler.getWriterIdleTimeInMillis() > 0 || client.eventLoop() != service.eventLoop()) {
            return null;
        }
        client.pipeline().remove(handler);
        TunnelIdleTimeout timeout = new TunnelIdleTimeout(client,
                TimeUnit.MILLISECONDS.toNanos(handler.getAllIdleTimeInMillis()));
        timeout.scheduleCheck();
        client.closeFuture().addListener(closed -> timeout.nextCheck.cancel(false));
        return timeout;
    }

    /** Either side of the tunnel read something. */
    void used() {
        used = true;
    }

    private void scheduleCheck() {
        nextCheck = client.eventLoop().schedule(this::check, checkEveryNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        if (used) {
            used = false;
            quietChecks = 0;
        } else if (++quietChecks == CHECKS_PER_TIMEOUT) {
            client.close(); // the relay closes the service's side
            return;
        }
        scheduleCheck();
    }
}

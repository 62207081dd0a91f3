package io.trackersuite.session.presence;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import io.netty.buffer.Unpooled;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.WebSocketConnection;
import io.quarkus.websockets.next.runtime.WebSocketConnectionBase;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * The Vert.x WebSocket under a websockets-next connection, and text frames over bytes encoded once.
 * <p>
 * Why: a delta goes to every client. Through {@code WebSocketConnection.sendText} each write re-encoded the text to
 * UTF-8 and ran a Mutiny pipeline with context capture; JFR put that at 60% of everything the service allocated under
 * the 1,000-observer load (byte arrays, captured contexts, futures), and the collections it caused grew the heap.
 * websockets-next has no public way to write a frame, so the socket is reached through its package-private accessor
 * (registered for reflection for the native image); if a Quarkus upgrade removes it, this class fails at start-up and
 * every presence test with it.
 */
@RegisterForReflection(targets = WebSocketConnectionBase.class, methods = true, fields = false)
final class RawSocket {

    private static final MethodHandle WEB_SOCKET = webSocketAccessor();

    private RawSocket() {
    }

    static WebSocketBase of(WebSocketConnection connection) {
        try {
            return (WebSocketBase) WEB_SOCKET.invoke(connection);
        } catch (Throwable e) {
            throw new IllegalStateException("no WebSocket under " + connection.getClass().getName(), e);
        }
    }

    /** A final text frame over the given UTF-8 bytes, shared, not copied: many frames may wrap the same bytes. */
    static WebSocketFrame textFrame(byte[] utf8) {
        return new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(utf8), true);
    }

    private static MethodHandle webSocketAccessor() {
        try {
            return MethodHandles.privateLookupIn(WebSocketConnectionBase.class, MethodHandles.lookup())
                    .findVirtual(WebSocketConnectionBase.class, "webSocket", MethodType.methodType(WebSocketBase.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(new IllegalStateException(
                    "websockets-next no longer has WebSocketConnectionBase.webSocket(): presence cannot write frames", e));
        }
    }
}

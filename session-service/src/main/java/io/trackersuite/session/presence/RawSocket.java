package io.trackersuite.session.presence;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import io.netty.channel.Channel;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.WebSocketConnection;
import io.quarkus.websockets.next.runtime.WebSocketConnectionBase;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketInternal;
import io.vertx.ext.web.impl.ServerWebSocketWrapper;

/**
 * The network channel under a websockets-next connection, which {@link SharedFrame}s are written to.
 * <p>
 * Why: a delta goes to every client. Through {@code WebSocketConnection.sendText} each write re-encoded the text to
 * UTF-8 and ran a Mutiny pipeline with context capture, and through Vert.x's {@code writeFrame} it still copied the
 * frame twice and allocated its objects and promises (see {@link SharedFrame}). Neither websockets-next nor Vert.x Web
 * (which wraps the socket to apply forwarded headers) has a public way to reach the socket, so both are reached
 * through their private accessors (registered for reflection for the native image), and the channel through Vert.x's
 * {@link WebSocketInternal}. If an upgrade removes one, this class fails at start-up and every presence test with it.
 */
@RegisterForReflection(targets = { WebSocketConnectionBase.class, ServerWebSocketWrapper.class })
final class RawSocket {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle WEB_SOCKET = accessor(() -> MethodHandles
            .privateLookupIn(WebSocketConnectionBase.class, LOOKUP)
            .findVirtual(WebSocketConnectionBase.class, "webSocket", MethodType.methodType(WebSocketBase.class)));
    private static final MethodHandle UNWRAPPED = accessor(() -> MethodHandles
            .privateLookupIn(ServerWebSocketWrapper.class, LOOKUP)
            .findGetter(ServerWebSocketWrapper.class, "delegate", ServerWebSocket.class));

    private RawSocket() {
    }

    static Channel channelOf(WebSocketConnection connection) {
        try {
            Object socket = WEB_SOCKET.invoke(connection);
            if (socket instanceof ServerWebSocketWrapper wrapper) {
                socket = UNWRAPPED.invoke(wrapper);
            }
            if (socket instanceof WebSocketInternal internal) {
                return internal.channelHandlerContext().channel();
            }
            throw new IllegalStateException("no network channel under " + socket.getClass().getName());
        } catch (Throwable e) {
            throw new IllegalStateException("cannot reach the channel of " + connection.getClass().getName(), e);
        }
    }

    private interface Accessor {
        MethodHandle find() throws ReflectiveOperationException;
    }

    private static MethodHandle accessor(Accessor accessor) {
        try {
            return accessor.find();
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(new IllegalStateException(
                    "websockets-next or Vert.x Web changed how a WebSocket is held: presence cannot write frames", e));
        }
    }
}

package io.trackersuite.gateway.http;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * A client that goes away while its response is being relayed makes the relay reset the response on a connection
 * that is already closed, and Netty then warns, with a stack trace, that it could not fail the write a
 * second time. Clients going away is normal at the edge (the gateway's own handlers report it at DEBUG): that one
 * warning is dropped, every other Netty warning stays.
 */
@LoggingFilter(name = "client-gone")
public final class ClientGoneLogFilter implements Filter {

    static final String NETTY_WARNING = "Failed to mark a promise as failure because it has failed already";

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        return !(record.getLoggerName() != null && record.getLoggerName().startsWith("io.netty.")
                && message != null && message.startsWith(NETTY_WARNING));
    }
}

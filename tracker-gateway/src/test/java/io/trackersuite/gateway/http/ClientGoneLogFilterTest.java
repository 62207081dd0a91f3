package io.trackersuite.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ClientGoneLogFilterTest {

    private final ClientGoneLogFilter filter = new ClientGoneLogFilter();

    @Test
    void nettysWarningAboutAClientThatLeftIsDropped() {
        assertThat(filter.isLoggable(record("io.netty.channel.AbstractChannelHandlerContext",
                ClientGoneLogFilter.NETTY_WARNING + ": DefaultChannelPromise@394c4a0b(failure: "
                        + "io.netty.channel.StacklessClosedChannelException)"))).isFalse();
    }

    @Test
    void everyOtherWarningStays() {
        assertThat(filter.isLoggable(record("io.netty.channel.AbstractChannelHandlerContext",
                "An exception was thrown by a user handler's exceptionCaught() method"))).isTrue();
        assertThat(filter.isLoggable(record("io.trackersuite.gateway.routing.ProxyRoutes",
                ClientGoneLogFilter.NETTY_WARNING))).isTrue();
        assertThat(filter.isLoggable(record("io.netty.util.ResourceLeakDetector", null))).isTrue();
    }

    private static LogRecord record(String logger, String message) {
        LogRecord record = new LogRecord(Level.WARNING, message);
        record.setLoggerName(logger);
        return record;
    }
}

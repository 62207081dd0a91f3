package io.trackersuite.session.presence;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code presence.*} in application.properties; every key also as an environment variable (PRESENCE_...). */
@ConfigMapping(prefix = "presence")
public interface PresenceConfig {

    /** Connections this instance accepts; the next one is closed with {@link PresenceCloseCodes#MAX_USERS}. */
    int maxConnections();

    /** Connections one client IP may hold on this instance. */
    int maxConnectionsPerIp();

    /** How often clients are told to send a heartbeat. */
    Duration heartbeatInterval();

    /** A session without a heartbeat for this long is removed (on every instance, also for dead instances). */
    Duration heartbeatTimeout();

    /** How often the sweeper looks for sessions past the heartbeat timeout. */
    Duration sweepInterval();

    /**
     * The shortest coalescing window: a change after a quiet window goes out at once, the changes within the next
     * window go out together as one delta message.
     */
    Duration coalesceWindow();

    /**
     * Messages per second the fan-out may write in all; with a larger audience the window widens to stay within it
     * (clients x 1000 / budget ms).
     */
    @WithDefault("100000")
    int fanOutBudget();

    /** The most recent sessions sent to clients; the total count is always exact. */
    int visibleSessions();

    /** How often each instance reconciles its view with Redis (also at once after a Redis outage). */
    Duration resyncInterval();

    /** Largest text message accepted from a client, in characters; larger ones close the connection. */
    int maxMessageChars();

    /** Messages one connection may send per minute (heartbeats need 2). */
    int maxMessagesPerMinute();

    /**
     * Bytes that may wait to be written to one client; a client that stops reading is closed with 1013 when more
     * would queue, and the page reconnects for a fresh snapshot.
     */
    @WithDefault("65536")
    long maxQueuedBytes();

    /** Longest User-Agent stored; longer ones are cut. */
    @WithDefault("512")
    int maxUserAgentChars();

    Privacy privacy();

    interface Privacy {
        /** Other visitors' IPs are masked (/24, /48) for everyone but admins. */
        boolean maskIps();
    }
}

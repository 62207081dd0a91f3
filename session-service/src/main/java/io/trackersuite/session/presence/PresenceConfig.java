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

    /** Changes within this window go to the clients as one delta message. */
    Duration coalesceWindow();

    /** The most recent sessions sent to clients; the total count is always exact. */
    int visibleSessions();

    /** How often each instance reconciles its view with Redis (also at once after a Redis outage). */
    Duration resyncInterval();

    /** Largest text message accepted from a client, in characters; larger ones close the connection. */
    int maxMessageChars();

    /** Messages one connection may send per minute (heartbeats need 2). */
    int maxMessagesPerMinute();

    /** Longest User-Agent stored; longer ones are cut. */
    @WithDefault("512")
    int maxUserAgentChars();

    Privacy privacy();

    interface Privacy {
        /** Other visitors' IPs are masked (/24, /48) for everyone but admins. */
        boolean maskIps();
    }
}

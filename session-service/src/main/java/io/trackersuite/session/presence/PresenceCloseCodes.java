package io.trackersuite.session.presence;

import io.quarkus.websockets.next.CloseReason;

/** WebSocket close codes of the presence endpoint; the tracker page turns each into a message for the visitor. */
public final class PresenceCloseCodes {

    /** The instance holds {@code presence.max-connections} already. */
    public static final CloseReason MAX_USERS = new CloseReason(4001, "maximum users reached on this instance");

    /** The client IP holds {@code presence.max-connections-per-ip} already. */
    public static final CloseReason TOO_MANY_FROM_IP = new CloseReason(4002, "too many connections from your address");

    /** No heartbeat within {@code presence.heartbeat-timeout}. */
    public static final CloseReason HEARTBEAT_TIMEOUT = new CloseReason(4008, "heartbeat timeout");

    /**
     * The client did not read its messages and {@code presence.max-queued-bytes} are waiting for it (1013, try again
     * later): the page reconnects and gets a fresh snapshot instead of a backlog.
     */
    public static final CloseReason TOO_FAR_BEHIND = new CloseReason(1013, "too far behind: reconnect for a fresh list");

    /** Malformed, oversized or binary message, or more than {@code presence.max-messages-per-minute}. */
    public static CloseReason policyViolation(String why) {
        return new CloseReason(1008, why);
    }

    private PresenceCloseCodes() {
    }
}

package io.trackersuite.session.presence;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.trackersuite.net.ClientIp;

/**
 * The JSON messages of the presence WebSocket, format version {@value #VERSION}. Server to client: {@code snapshot}
 * once after connect, then {@code delta} (coalesced), {@code heartbeat-ack} and {@code error}. Client to server:
 * {@code {"type":"heartbeat"}}. Durations are {@code serverTime - connectedAt}: clients add the offset between
 * {@code serverTime} and their own clock, so counters are exact whatever the visitor's clock says.
 */
// the native image keeps these records' constructors and accessors for Jackson (nested classes included)
@RegisterForReflection
public final class PresenceMessages {

    public static final int VERSION = 1;

    /** A session as other visitors see it: the owner's replica stays internal, the IP may be masked. */
    public record Visitor(String id, String ip, String browser, String browserVersion, String os, String device,
            String userAgent, Instant connectedAt, String instance) {

        static Visitor of(PresenceSession s, boolean maskIp) {
            return new Visitor(s.id(), maskIp ? ClientIp.mask(s.ip()) : s.ip(), s.browser(), s.browserVersion(),
                    s.os(), s.device(), s.userAgent(), s.connectedAt(), s.instance());
        }
    }

    /**
     * @param you the receiving visitor's own session, IP unmasked
     * @param sessions a JSON array of {@link Visitor}: the most recent {@code presence.visible-sessions}, newest
     *        first (encoded once per change and variant, then copied into every snapshot)
     * @param total all connected visitors, on every instance
     */
    public record Snapshot(int v, String type, Visitor you, @JsonRawValue String sessions, long total,
            long heartbeatIntervalMs, Instant serverTime) {
        Snapshot(Visitor you, String sessions, long total, long heartbeatIntervalMs, Instant serverTime) {
            this(VERSION, "snapshot", you, sessions, total, heartbeatIntervalMs, serverTime);
        }
    }

    /**
     * Changes to the visible list since the previous message: apply {@code left}, then {@code joined} and
     * {@code updated} (both upserts), then keep the newest {@code presence.visible-sessions}.
     */
    public record Delta(int v, String type, List<Visitor> joined, List<String> left, List<Visitor> updated, long total,
            Instant serverTime) {
        Delta(List<Visitor> joined, List<String> left, List<Visitor> updated, long total, Instant serverTime) {
            this(VERSION, "delta", joined, left, updated, total, serverTime);
        }
    }

    public record HeartbeatAck(int v, String type, Instant serverTime) {
        HeartbeatAck(Instant serverTime) {
            this(VERSION, "heartbeat-ack", serverTime);
        }
    }

    /** A message the server did not understand but that did not break the protocol; the connection stays. */
    public record Error(int v, String type, String code, String message) {
        Error(String code, String message) {
            this(VERSION, "error", code, message);
        }
    }

    /** What a client may send. */
    public record ClientMessage(String type) {
    }

    private PresenceMessages() {
    }
}

package io.trackersuite.events;

import java.time.Instant;

/**
 * A visit recorded by session-service's {@code POST /api/track}.
 *
 * @param country ISO 3166-1 alpha-2 code, or null when unknown
 * @param vpn the IP is in a VPN, proxy, Tor or datacenter range
 * @param duplicate the same IP was already counted within the duplicate window: kept for the statistics of
 *        suppressed duplicates, not counted as a visit
 */
public record VisitEvent(int v, String id, Instant time, String ip, String country, String city, boolean vpn,
        String userAgent, String page, boolean duplicate) implements TrackerEvent {
}

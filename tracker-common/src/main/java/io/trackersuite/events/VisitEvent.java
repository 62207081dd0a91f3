package io.trackersuite.events;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A visit recorded by session-service's {@code POST /api/track}.
 *
 * @param country ISO 3166-1 alpha-2 code, or null when unknown
 * @param vpn the IP is a VPN operator's or in a configured VPN, proxy or Tor exit range
 * @param duplicate the same IP was already counted within the duplicate window: kept for the statistics of
 *        suppressed duplicates, not counted as a visit
 * @param hosting the IP is in a cloud, hosting, CDN or data-centre network
 * @param asn the autonomous system announcing the IP, or null when unknown (events before it was recorded too)
 * @param asOrganization the holder of that autonomous system, or null
 */
@RegisterForReflection // read and written as JSON by every service, also in the native image
public record VisitEvent(int v, String id, Instant time, String ip, String country, String city, boolean vpn,
        String userAgent, String page, boolean duplicate, boolean hosting, Integer asn, String asOrganization)
        implements TrackerEvent {

    /** Longest page a visit carries: session-service refuses longer ones, the schema stores it ({@code varchar(2048)}). */
    public static final int MAX_PAGE_CHARS = 2048;

}

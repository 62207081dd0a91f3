package io.trackersuite.session.visits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** {@code visits.*} in application.properties; every key also as an environment variable (VISITS_...). */
@ConfigMapping(prefix = "visits")
public interface VisitsConfig {

    /** The same IP within this window is one visit (later ones are recorded as duplicates, not counted). */
    Duration duplicateWindow();

    /** How long the geolocation and VPN verdict of an IP is cached in Redis. */
    Duration ipInfoCacheTtl();

    RateLimit rateLimit();

    /**
     * Geolocation databases (.mmdb), asked in order until one knows the address: ip-location-db's open country
     * database (deploy/local/ip-data.sh), or a GeoIP2/GeoLite2 City one. Without any, every location is "unknown".
     */
    Optional<List<Path>> geoipDatabase();

    /** ASN range files (ip-location-db asn CSV layout: first,last,asn,organisation); without any, no network. */
    Optional<List<Path>> asnDatabase();

    /**
     * Files of VPN, proxy and Tor exit ranges: one address or CIDR block per line, '#' comments. An address in one
     * is flagged {@code vpn}.
     */
    Optional<List<Path>> anonymizerRanges();

    interface RateLimit {
        /** Track requests one IP may make per window, over all instances (the count lives in Redis). */
        int requests();

        Duration window();
    }
}

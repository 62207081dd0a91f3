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

    /** A MaxMind GeoIP2/GeoLite2 City database (.mmdb); without one every location is "unknown". */
    Optional<Path> geoipDatabase();

    /**
     * Files of VPN, proxy, Tor exit and datacenter ranges: one address or CIDR block per line, '#' comments.
     */
    Optional<List<Path>> anonymizerRanges();

    interface RateLimit {
        /** Track requests one IP may make per window, over all instances (the count lives in Redis). */
        int requests();

        Duration window();
    }
}

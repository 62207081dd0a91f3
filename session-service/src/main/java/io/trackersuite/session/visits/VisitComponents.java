package io.trackersuite.session.visits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.trackersuite.net.IpRanges;

/** Builds the configured geolocation provider and anonymizer range list once, at startup. */
public class VisitComponents {

    private static final Logger LOG = Logger.getLogger(VisitComponents.class);

    /** Known VPN, proxy, Tor exit and datacenter ranges. */
    public record AnonymizerRanges(IpRanges ranges) {
    }

    @Produces
    @Singleton
    GeoLocator geoLocator(VisitsConfig config) {
        return config.geoipDatabase().<GeoLocator> map(MaxMindGeoLocator::new).orElseGet(() -> {
            LOG.info("no GeoIP database configured (visits.geoip-database): locations are 'unknown'");
            return ip -> GeoLocator.Location.UNKNOWN;
        });
    }

    @Produces
    @Singleton
    AnonymizerRanges anonymizerRanges(VisitsConfig config) {
        IpRanges ranges = new IpRanges();
        for (Path file : config.anonymizerRanges().orElse(List.of())) {
            int skipped = 0;
            try {
                for (String line : Files.readAllLines(file)) {
                    String entry = line.strip();
                    if (entry.isEmpty() || entry.startsWith("#")) {
                        continue;
                    }
                    try {
                        ranges.add(entry);
                    } catch (IllegalArgumentException e) {
                        skipped++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read anonymizer range file " + file, e);
            }
            if (skipped > 0) {
                LOG.warnf("%s: %d lines are not addresses or CIDR blocks and were skipped", file, skipped);
            }
        }
        LOG.infof("%d VPN/proxy/datacenter ranges loaded", ranges.size());
        return new AnonymizerRanges(ranges);
    }
}

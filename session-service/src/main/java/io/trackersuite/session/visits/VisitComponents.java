package io.trackersuite.session.visits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.trackersuite.net.IpRanges;

/**
 * Builds the geolocation databases, the ASN directory and the network classifier once, at startup ({@code @Startup}:
 * reading the ASN ranges takes about a second, which must not fall on the first visitor's request).
 */
public class VisitComponents {

    private static final Logger LOG = Logger.getLogger(VisitComponents.class);

    @Produces
    @Singleton
    @Startup
    GeoLocator geoLocator(VisitsConfig config) {
        List<Path> databases = config.geoipDatabase().orElse(List.of());
        if (databases.isEmpty()) {
            LOG.info("no geolocation database configured (visits.geoip-database): countries are 'unknown'");
            return ip -> GeoLocator.Location.UNKNOWN;
        }
        return new MmdbGeoLocator(databases);
    }

    @Produces
    @Singleton
    @Startup
    AsnDirectory asnDirectory(VisitsConfig config) {
        List<Path> files = config.asnDatabase().orElse(List.of());
        if (files.isEmpty()) {
            LOG.info("no ASN ranges configured (visits.asn-database): networks and hosting are 'unknown'");
            return AsnDirectory.empty();
        }
        return AsnDirectory.load(files);
    }

    @Produces
    @Singleton
    @Startup
    NetworkClassifier networkClassifier(VisitsConfig config) {
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
        NetworkClassifier classifier = NetworkClassifier.withShippedLists(ranges);
        LOG.infof("%d VPN/proxy ranges and %d hosting/VPN autonomous systems loaded", ranges.size(),
                classifier.listedSystems());
        return classifier;
    }
}

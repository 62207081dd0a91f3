package io.trackersuite.session.visits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;

import io.trackersuite.session.net.ClientAddresses;

/** Geolocation from a local MaxMind GeoIP2/GeoLite2 City database file; no network call per visit. */
final class MaxMindGeoLocator implements GeoLocator {

    private static final Logger LOG = Logger.getLogger(MaxMindGeoLocator.class);

    private final DatabaseReader reader;

    MaxMindGeoLocator(Path database) {
        try {
            this.reader = new DatabaseReader.Builder(database.toFile()).withCache(new CHMCache()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open GeoIP database " + database, e);
        }
        LOG.infof("geolocation from %s (%s)", database, reader.getMetadata().databaseType());
    }

    @Override
    public Location locate(String ip) {
        String address = ClientAddresses.normalise(ip);
        if (address == null) {
            return Location.UNKNOWN;
        }
        try {
            // a literal address: InetAddress does no DNS lookup for it
            return reader.tryCity(InetAddress.getByName(address))
                    .map(MaxMindGeoLocator::location)
                    .orElse(Location.UNKNOWN);
        } catch (IOException | GeoIp2Exception e) {
            LOG.debugf("no location for %s: %s", address, e.toString());
            return Location.UNKNOWN;
        }
    }

    private static Location location(CityResponse response) {
        String country = response.country() == null ? null : response.country().isoCode();
        String city = response.city() == null || response.city().names() == null ? null
                : response.city().names().get("en");
        return new Location(country, city);
    }
}

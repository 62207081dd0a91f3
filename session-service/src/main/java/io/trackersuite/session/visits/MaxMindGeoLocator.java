package io.trackersuite.session.visits;

import io.trackersuite.net.ClientIp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.record.City;
import com.maxmind.geoip2.record.Continent;
import com.maxmind.geoip2.record.Country;
import com.maxmind.geoip2.record.MaxMind;
import com.maxmind.geoip2.record.Postal;
import com.maxmind.geoip2.record.RepresentedCountry;
import com.maxmind.geoip2.record.Subdivision;
import com.maxmind.geoip2.record.Traits;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Geolocation from a local MaxMind GeoIP2/GeoLite2 City database file; no network call per visit. */
// the MaxMind reader builds these through their annotated constructors: the native image must keep them
@RegisterForReflection(targets = { CityResponse.class, City.class, Continent.class, Country.class,
        com.maxmind.geoip2.record.Location.class,
        MaxMind.class, Postal.class, RepresentedCountry.class, Subdivision.class, Traits.class })
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
        String address = ClientIp.normalise(ip);
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

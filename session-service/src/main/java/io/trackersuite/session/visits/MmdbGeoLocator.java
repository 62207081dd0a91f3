package io.trackersuite.session.visits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;

import io.trackersuite.net.ClientIp;
import io.trackersuite.net.IpRanges;

/**
 * Geolocation from local MaxMind-format (.mmdb) databases, asked in the configured order until one knows the
 * address; no network call per visit. Two record layouts are read: ip-location-db's ({@code country_code},
 * {@code city}), the open data the suite fetches, and GeoIP2/GeoLite2's ({@code country.iso_code},
 * {@code city.names.en}), for operators who hold a MaxMind licence.
 */
final class MmdbGeoLocator implements GeoLocator {

    private static final Logger LOG = Logger.getLogger(MmdbGeoLocator.class);

    /**
     * IANA's special-purpose blocks (private, shared, loopback, link-local, documentation, benchmarking, multicast):
     * never anywhere. The open country data places some of them in a country (198.51.100.0/24 in AU).
     */
    private static final IpRanges NOT_GLOBAL = IpRanges.of(List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16",
            "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3", "::/127", "100::/64",
            "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8"));

    private final List<Reader> readers;

    MmdbGeoLocator(List<Path> databases) {
        this.readers = databases.stream().map(MmdbGeoLocator::open).toList();
    }

    private static Reader open(Path database) {
        try {
            Reader reader = new Reader(database.toFile(), new CHMCache());
            LOG.infof("geolocation from %s (%s, built %s)", database, reader.getMetadata().databaseType(),
                    reader.getMetadata().buildTime());
            return reader;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the geolocation database " + database
                    + " (deploy/local/ip-data.sh downloads the open one)", e);
        }
    }

    @Override
    public Location locate(String ip) {
        String address = ClientIp.normalise(ip);
        if (address == null || NOT_GLOBAL.contains(address)) {
            return Location.UNKNOWN;
        }
        for (Reader reader : readers) {
            try {
                // a literal address: InetAddress does no DNS lookup for it
                Map<?, ?> record = reader.get(InetAddress.getByName(address), Map.class);
                Location location = record == null ? Location.UNKNOWN : location(record);
                if (location.country() != null) {
                    return location;
                }
            } catch (IOException | RuntimeException e) {
                LOG.debugf("no location for %s: %s", address, e.toString());
            }
        }
        return Location.UNKNOWN;
    }

    private static Location location(Map<?, ?> record) {
        if (record.get("country_code") instanceof String code) {
            return new Location(code, record.get("city") instanceof String city ? city : null);
        }
        String country = record.get("country") instanceof Map<?, ?> c && c.get("iso_code") instanceof String code
                ? code : null;
        String city = record.get("city") instanceof Map<?, ?> c && c.get("names") instanceof Map<?, ?> names
                && names.get("en") instanceof String name ? name : null;
        return new Location(country, city);
    }
}

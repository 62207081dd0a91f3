package io.trackersuite.session.visits;

/** Where an IP is. Implementations never fail a visit: no answer is {@link Location#UNKNOWN}. */
public interface GeoLocator {

    /**
     * @param country ISO 3166-1 alpha-2 code, or null
     * @param city English name, or null
     */
    record Location(String country, String city) {
        public static final Location UNKNOWN = new Location(null, null);
    }

    Location locate(String ip);
}

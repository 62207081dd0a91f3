package io.trackersuite.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's {@code application.properties} says about how it runs in production: its HTTP port, the
 * environment variables it reads (and which have no default), the health and metrics paths, its data stores.
 */
record ServiceConfiguration(String service, int httpPort, Map<String, Boolean> environment, String nonApplicationRoot,
        boolean usesRedis, boolean usesPostgres) {

    /** ${NAME} or ${NAME:default}: an environment variable (upper case) the service reads. */
    private static final Pattern ENVIRONMENT_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

    static ServiceConfiguration of(String service) {
        Path file = Repository.path(service + "/src/main/resources/application.properties");
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Repository.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // name -> has a default; dev and test profiles do not run in a cluster
        Map<String, Boolean> environment = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%dev.") || key.startsWith("%test.")) {
                continue;
            }
            Matcher reference = ENVIRONMENT_REFERENCE.matcher(properties.getProperty(key));
            while (reference.find()) {
                environment.merge(reference.group(1), reference.group(2) != null, Boolean::logicalAnd);
            }
        }
        String port = properties.getProperty("quarkus.http.port", "8080");
        Matcher portReference = ENVIRONMENT_REFERENCE.matcher(port);
        int httpPort = Integer.parseInt(portReference.matches() ? portReference.group(2).substring(1) : port);
        return new ServiceConfiguration(service, httpPort, environment,
                properties.getProperty("quarkus.http.non-application-root-path", "q"),
                properties.containsKey("quarkus.redis.hosts"),
                "postgresql".equals(properties.getProperty("quarkus.datasource.db-kind")));
    }

    /** Variables the service cannot start without in production (no default in the properties). */
    Set<String> requiredEnvironment() {
        Set<String> required = new TreeSet<>();
        environment.forEach((name, hasDefault) -> {
            if (!hasDefault) {
                required.add(name);
            }
        });
        return required;
    }

    String healthPath(String check) {
        return "/" + nonApplicationRoot + "/health/" + check;
    }

    String metricsPath() {
        return "/" + nonApplicationRoot + "/metrics";
    }
}

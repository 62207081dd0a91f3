package io.trackersuite.monitoring.sessions;

import jakarta.enterprise.context.ApplicationScoped;

import ua_parser.CachingParser;
import ua_parser.Client;
import ua_parser.Parser;

/** Browser, OS and device class of a User-Agent, with the ua-parser project's maintained patterns. */
@ApplicationScoped
public class UserAgentDescriber {

    public record Description(String browser, String os, String device) {
        static final Description UNKNOWN = new Description("Unknown", "Unknown", "unknown");
    }

    private final Parser parser = new CachingParser();

    public Description describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Description.UNKNOWN;
        }
        Client client = parser.parse(userAgent);
        return new Description(
                limit(withVersion(client.userAgent.family, client.userAgent.major)),
                limit(withVersion(client.os.family, client.os.major)),
                deviceClass(client.device.family, userAgent));
    }

    private static String deviceClass(String family, String userAgent) {
        if ("Spider".equals(family)) {
            return "bot";
        }
        if (userAgent.contains("iPad") || userAgent.contains("Tablet")) {
            return "tablet";
        }
        if (userAgent.contains("Mobi") || userAgent.contains("iPhone") || userAgent.contains("Android")) {
            return "mobile";
        }
        return "desktop";
    }

    private static String withVersion(String family, String major) {
        return major == null ? family : family + " " + major;
    }

    private static String limit(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64);
    }
}

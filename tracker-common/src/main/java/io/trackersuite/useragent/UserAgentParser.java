package io.trackersuite.useragent;

import java.util.regex.Pattern;

import ua_parser.CachingParser;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Browser, OS and device class of a User-Agent, with the ua-parser project's maintained patterns. Thread-safe;
 * build one and share it (the pattern set takes a moment to compile).
 */
public class UserAgentParser {

    /** Longest family or version string kept: the raw header is attacker-controlled. */
    private static final int MAX_FIELD = 64;
    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}");

    /**
     * @param browser family, e.g. "Chrome Mobile"; "Other" when not recognised
     * @param browserVersion major version, or null
     * @param os family with major version, e.g. "iOS 17"
     * @param device one of desktop, mobile, tablet, bot
     */
    public record UserAgentInfo(String browser, String browserVersion, String os, String device) {

        public static final UserAgentInfo UNKNOWN = new UserAgentInfo("Unknown", null, "Unknown", "unknown");

        /** "Chrome 120", as shown in lists. */
        public String browserWithVersion() {
            return browserVersion == null ? browser : browser + " " + browserVersion;
        }
    }

    private final Parser parser = new CachingParser();

    /**
     * The raw header as it may be stored and shown: control characters removed (they have no place in a header and
     * break logs), cut to {@code maxChars}. Null stays null. Still attacker-controlled text: escape it when rendering.
     */
    public static String clean(String userAgent, int maxChars) {
        if (userAgent == null) {
            return null;
        }
        String clean = CONTROL_CHARACTERS.matcher(userAgent).replaceAll("");
        return clean.length() <= maxChars ? clean : clean.substring(0, maxChars);
    }

    public UserAgentInfo parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UserAgentInfo.UNKNOWN;
        }
        Client client = parser.parse(userAgent);
        return new UserAgentInfo(
                limit(client.userAgent.family),
                client.userAgent.major == null ? null : limit(client.userAgent.major),
                limit(client.os.major == null ? client.os.family : client.os.family + " " + client.os.major),
                deviceClass(client.device.family, userAgent));
    }

    // ua-parser names devices ("iPhone", "Pixel 8") but has no class; these are the tokens browsers use for it.
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

    private static String limit(String value) {
        return value.length() <= MAX_FIELD ? value : value.substring(0, MAX_FIELD);
    }
}

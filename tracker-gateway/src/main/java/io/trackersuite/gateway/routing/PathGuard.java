package io.trackersuite.gateway.routing;

import java.util.Locale;

/**
 * Refuses request paths whose meaning could differ between the gateway and a service: dot segments, encoded
 * slashes, backslashes or dots, NUL, empty segments. The gateway authorises by path; the service must see the same
 * path the gateway checked, so such requests are refused rather than normalised.
 */
final class PathGuard {

    private PathGuard() {
    }

    /** @param rawPath the path exactly as the client sent it (still percent-encoded) */
    static boolean isSafe(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/' || rawPath.contains("//")
                || rawPath.indexOf('\\') >= 0) {
            return false;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e") || lower.contains("%00")
                || lower.contains("%25")) {
            return false;
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}

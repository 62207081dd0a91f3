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

    /**
     * False when the path has a malformed escape or percent-encodes an unreserved character (a letter, digit, {@code -._~}), which RFC 3986
     * says is never needed: {@code /%61pi/track} is {@code /api/track} to the router but not to a prefix check.
     */
    static boolean isCanonical(String rawPath) {
        for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
            if (i + 2 >= rawPath.length()) {
                return false;
            }
            int high = Character.digit(rawPath.charAt(i + 1), 16);
            int low = Character.digit(rawPath.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return false; // a '%' that starts no escape
            }
            int value = high * 16 + low;
            if (value < 0x80 && (Character.isLetterOrDigit(value) || "-._~".indexOf(value) >= 0)) {
                return false;
            }
        }
        return true;
    }
}

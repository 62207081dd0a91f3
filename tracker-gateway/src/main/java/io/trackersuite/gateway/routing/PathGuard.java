package io.trackersuite.gateway.routing;

/**
 * Refuses request paths whose meaning could differ between the gateway and a service: dot segments, encoded
 * slashes, backslashes or dots, NUL, empty segments. The gateway authorises by path; the service must see the same
 * path the gateway checked, so such requests are refused rather than normalised.
 */
final class PathGuard {

    private PathGuard() {
    }

    /** @param rawPath the path exactly as the client sent it (still percent-encoded); one pass, no copies */
    static boolean isSafe(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return false;
        }
        int length = rawPath.length();
        for (int i = 0; i < length; i++) {
            char c = rawPath.charAt(i);
            if (c == '\\') {
                return false;
            }
            if (c == '/') {
                if (i + 1 < length && rawPath.charAt(i + 1) == '/') {
                    return false; // an empty segment
                }
            } else if (c == '.' && rawPath.charAt(i - 1) == '/') {
                int end = i + 1 < length && rawPath.charAt(i + 1) == '.' ? i + 2 : i + 1;
                if (end == length || rawPath.charAt(end) == '/') {
                    return false; // "." or ".."
                }
            } else if (c == '%' && i + 2 < length && isForbiddenEscape(rawPath.charAt(i + 1), rawPath.charAt(i + 2))) {
                return false;
            }
        }
        return true;
    }

    /** %2F and %5C (separators), %2E (a dot), %00, %25 (a percent sign, i.e. double encoding). */
    private static boolean isForbiddenEscape(char high, char low) {
        char lowLower = Character.toLowerCase(low);
        return high == '2' && (lowLower == 'f' || lowLower == 'e' || low == '5')
                || high == '5' && lowLower == 'c'
                || high == '0' && low == '0';
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

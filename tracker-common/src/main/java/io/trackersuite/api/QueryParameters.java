package io.trackersuite.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;

/**
 * Reads query parameters as text and checks them here, so a bad value gets a 400 naming the parameter (JAX-RS
 * would turn a failed conversion of a typed query parameter into a bare 404).
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static int integer(String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String value = raw.trim();
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            if (value.matches("[+-]?\\d+")) { // a whole number, just too large for any bound
                throw new InvalidParameterException(name, "'" + name + "' must be between " + min + " and " + max);
            }
            throw new InvalidParameterException(name, "'" + name + "' must be a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidParameterException(name, "'" + name + "' must be between " + min + " and " + max);
        }
        return parsed;
    }

    public static Instant instant(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name,
                    "'" + name + "' must be an ISO-8601 instant such as 2026-11-24T09:00:00Z");
        }
    }

    /** One of the allowed values, compared without case; null when absent. */
    public static String oneOf(String name, String raw, Collection<String> allowed) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new InvalidParameterException(name, "'" + name + "' must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    /**
     * Free text used in an equality or prefix filter: bounded in length, passed to SQL only as a bind parameter.
     * Control characters are refused rather than trimmed or passed on: no name or address has one, and PostgreSQL
     * cannot even compare text with a NUL in it.
     */
    public static String text(String name, String raw, int maxLength) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > maxLength) {
            throw new InvalidParameterException(name, "'" + name + "' is longer than " + maxLength + " characters");
        }
        if (raw.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException(name, "'" + name + "' must not contain control characters");
        }
        return raw.trim();
    }

    public static void range(String fromName, Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidParameterException(fromName, "'" + fromName + "' is after 'to'");
        }
    }
}

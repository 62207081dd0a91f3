package io.trackersuite.monitoring.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.trackersuite.api.InvalidParameterException;

/**
 * Keyset pagination position: the sort time and id of the last item of a page, as an opaque token. The next page
 * is everything strictly after it in (time desc, id desc) order, which stays fast and stable at millions of rows.
 */
public record Cursor(Instant time, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((time.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String parameter, String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8).split("\\|");
            return new Cursor(Instant.parse(parts[0]), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidParameterException(parameter, "'" + parameter + "' is not a cursor returned by this API");
        }
    }
}

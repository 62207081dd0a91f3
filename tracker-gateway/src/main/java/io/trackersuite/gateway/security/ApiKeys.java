package io.trackersuite.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks {@code X-API-Key} values against the configured hashes. Keys are long random strings, so one SHA-256 is
 * enough (no password stretching needed); the comparison is constant-time.
 */
@ApplicationScoped
public class ApiKeys {

    public static final String HEADER = "X-API-Key";

    /** {@code tsk_<id>_<secret>}: id 3–32 of [a-z0-9-], secret 32–128 of base64url characters. */
    private static final Pattern FORMAT = Pattern.compile("tsk_([a-z0-9-]{3,32})_([A-Za-z0-9_-]{32,128})");

    private final Map<String, SecurityConfig.ApiKey> keys;

    public ApiKeys(SecurityConfig config) {
        this.keys = Map.copyOf(config.apiKeys());
    }

    /** The key id of a well-formed value, whether or not the key is valid; empty when malformed. */
    public static Optional<String> keyId(String presented) {
        Matcher m = presented == null ? null : FORMAT.matcher(presented);
        return m != null && m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The role of a valid key; empty when the key is unknown or its secret is wrong. */
    public Optional<String> roleOf(String presented) {
        Optional<String> id = keyId(presented);
        SecurityConfig.ApiKey key = id.map(keys::get).orElse(null);
        if (key == null) {
            return Optional.empty();
        }
        byte[] expected = HexFormat.of().parseHex(key.sha256().trim().toLowerCase());
        return MessageDigest.isEqual(expected, sha256(presented)) ? Optional.of(key.role()) : Optional.empty();
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}

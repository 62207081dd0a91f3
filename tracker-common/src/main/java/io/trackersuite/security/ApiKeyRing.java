package io.trackersuite.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks {@code X-API-Key} values against configured hashes; shared by every service that accepts API keys, so a
 * key made by {@code deploy/local/api-key.sh} works the same everywhere. Keys are long random strings, so one
 * SHA-256 is enough (no password stretching needed); the comparison is constant-time.
 */
public class ApiKeyRing {

    public static final String HEADER = "X-API-Key";

    /** {@code tsk_<id>_<secret>}: id 3–32 of [a-z0-9-], secret 32–128 of base64url characters. */
    private static final Pattern FORMAT = Pattern.compile("tsk_([a-z0-9-]{3,32})_([A-Za-z0-9_-]{32,128})");

    /** A configured key: lower-case hex SHA-256 of the whole key, and the one role it carries. */
    public record Key(String sha256, String role) {
    }

    private final Map<String, Key> keys;

    public ApiKeyRing(Map<String, Key> keysById) {
        this.keys = keysById.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(entry -> configuredId(entry.getKey()), Map.Entry::getValue));
    }

    /**
     * The key id as configured, back in the form keys carry it. An id's '-' cannot be written in an environment
     * variable: {@code ..._API_KEYS__ORACLE_OP__SHA256} reaches the map as {@code oracle.op} (or oracle_op), which
     * stands for {@code oracle-op}, as ids hold only a-z, 0-9 and '-'.
     */
    static String configuredId(String id) {
        return id.toLowerCase(Locale.ROOT).replace('.', '-').replace('_', '-');
    }

    /** The key id of a well-formed value, whether or not the key is valid; empty when malformed. */
    public static Optional<String> keyId(String presented) {
        Matcher m = presented == null ? null : FORMAT.matcher(presented);
        return m != null && m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The role of a valid key; empty when the key is unknown or its secret is wrong. */
    public Optional<String> roleOf(String presented) {
        Optional<String> id = keyId(presented);
        Key key = id.map(keys::get).orElse(null);
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

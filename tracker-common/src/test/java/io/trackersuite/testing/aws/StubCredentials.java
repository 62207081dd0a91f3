package io.trackersuite.testing.aws;

import java.security.SecureRandom;

/**
 * Credentials that sign requests to the {@link AwsStub} (which checks no signature), made up afresh on every run: the
 * repository holds no access key, not even a fake one, and a test that asserts a secret never leaks looks for a
 * value nothing else can contain.
 *
 * @param accessKeyId {@code AKIA…} for long-term keys, {@code ASIA…} for temporary ones, as AWS spells them
 */
public record StubCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** Long-term keys (the session token is there for tests that send one with them). */
    public static StubCredentials longTerm() {
        return of("AKIA");
    }

    /** Temporary credentials, as STS issues them. */
    public static StubCredentials temporary() {
        return of("ASIA");
    }

    private static StubCredentials of(String prefix) {
        return new StubCredentials(prefix + random(KEY_ID_CHARACTERS, 16), random(SECRET_CHARACTERS, 40),
                random(SECRET_CHARACTERS, 64));
    }

    private static String random(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}

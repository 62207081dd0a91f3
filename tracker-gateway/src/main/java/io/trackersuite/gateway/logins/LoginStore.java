package io.trackersuite.gateway.logins;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;

/**
 * The server-side record of each login session, in Redis so every replica sees the same state. The browser's
 * {@code q_session} cookie holds only a random handle; the record holds the login session id, the tokens (AES-GCM
 * encrypted) and, once the session has ended, why. Logout and termination end the record, so cookies saved before
 * are worthless afterwards on every replica.
 *
 * <pre>
 * gateway:login:&lt;handle&gt;          hash: session, created, tokens, announced, ended   (expires after idle-timeout)
 * gateway:login-session:&lt;session&gt;  the handle of a login session id (for termination)
 * </pre>
 */
@ApplicationScoped
public class LoginStore {

    /** A login session as stored; {@code tokens} is null once it has ended. */
    public record LoginRecord(String handle, String sessionId, long createdMillis, boolean announced, String ended,
            AuthorizationCodeTokens tokens) {

        boolean isEnded() {
            return ended != null;
        }
    }

    /** Why a session ended, as kept on its record. */
    public static final String ENDED_LOGOUT = "logout";
    public static final String ENDED_TERMINATED = "terminated";

    /** Replaces the tokens of a live session (after a refresh); 0 when it has ended or expired meanwhile. */
    private static final String REPLACE_TOKENS = """
            if redis.call('hexists', KEYS[1], 'session') == 1 and redis.call('hexists', KEYS[1], 'ended') == 0 then
              redis.call('hset', KEYS[1], 'tokens', ARGV[1])
              redis.call('pexpire', KEYS[1], ARGV[2])
              return 1
            end
            return 0""";

    /** Ends a live session once: the first caller gets the record as it was (with its tokens), later callers nil. */
    private static final String END = """
            if redis.call('exists', KEYS[1]) == 0 or redis.call('hsetnx', KEYS[1], 'ended', ARGV[1]) == 0 then
              return nil
            end
            local record = redis.call('hgetall', KEYS[1])
            redis.call('hdel', KEYS[1], 'tokens')
            redis.call('pexpire', KEYS[1], ARGV[2])
            return record""";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private final ReactiveRedisDataSource redis;
    private final SecretKeySpec key;
    private final long idleMillis;

    public LoginStore(ReactiveRedisDataSource redis, LoginSessionConfig config) {
        if (config.key().length() < 32) {
            throw new IllegalStateException("gateway.login-sessions.key must be at least 32 characters");
        }
        this.redis = redis;
        this.idleMillis = config.idleTimeout().toMillis();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(config.key().getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** A new sign-in: a new handle and a new login session id. */
    public Uni<LoginRecord> create(AuthorizationCodeTokens tokens) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String sessionId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        String ttl = Long.toString(idleMillis);
        return redis.execute(Command.HSET, recordKey(handle), "session", sessionId, "created", Long.toString(now),
                "tokens", encrypt(tokens))
                .chain(() -> redis.execute(Command.PEXPIRE, recordKey(handle), ttl))
                .chain(() -> redis.execute(Command.SET, indexKey(sessionId), handle, "PX", ttl))
                .replaceWith(new LoginRecord(handle, sessionId, now, false, null, tokens));
    }

    /** New tokens for a live session (a refresh); false when the session ended in the meantime. */
    public Uni<Boolean> replaceTokens(String handle, AuthorizationCodeTokens tokens) {
        return redis.execute(Command.EVAL, REPLACE_TOKENS, "1", recordKey(handle), encrypt(tokens),
                Long.toString(idleMillis))
                .map(response -> response.toInteger() == 1);
    }

    /** The record of a handle, or null when there is none (never issued, expired, or forged). */
    public Uni<LoginRecord> find(String handle) {
        return redis.execute(Command.HGETALL, recordKey(handle)).map(response -> toRecord(handle, response));
    }

    /** The handle of a login session id, or null. */
    public Uni<String> handleOf(String sessionId) {
        return redis.execute(Command.GET, indexKey(sessionId)).map(response -> response == null ? null : response.toString());
    }

    /** True for the one caller that first marks the session's LOGIN as published. */
    public Uni<Boolean> markAnnounced(String handle) {
        return redis.execute(Command.HSETNX, recordKey(handle), "announced", "1").map(response -> response.toInteger() == 1);
    }

    /** The session was used: its idle expiry starts again. */
    public Uni<Void> touch(LoginRecord record) {
        String ttl = Long.toString(idleMillis);
        return redis.execute(Command.PEXPIRE, recordKey(record.handle()), ttl)
                .chain(() -> redis.execute(Command.PEXPIRE, indexKey(record.sessionId()), ttl))
                .replaceWithVoid();
    }

    /**
     * Ends a session for good: its tokens are dropped and the record keeps only why it ended (for idle-timeout, so a
     * replayed cookie can still be told what happened). Only the first caller gets the record back, with the tokens
     * it needs to end the provider's session too; the others get null.
     */
    public Uni<LoginRecord> end(String handle, String reason) {
        return redis.execute(Command.EVAL, END, "1", recordKey(handle), reason, Long.toString(idleMillis))
                .map(response -> toRecord(handle, response));
    }

    private LoginRecord toRecord(String handle, Response response) {
        if (response == null || response.size() == 0) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        if (response.type() == io.vertx.redis.client.ResponseType.MULTI && response.getKeys().isEmpty()) {
            // RESP2 answers a flat list of field, value, field, value...
            for (int i = 0; i + 1 < response.size(); i += 2) {
                fields.put(response.get(i).toString(), response.get(i + 1).toString());
            }
        } else {
            for (String field : response.getKeys()) {
                fields.put(field, response.get(field).toString());
            }
        }
        String sessionId = fields.get("session");
        if (sessionId == null) {
            return null;
        }
        String tokens = fields.get("tokens");
        return new LoginRecord(handle, sessionId, Long.parseLong(fields.getOrDefault("created", "0")),
                fields.containsKey("announced"), fields.get("ended"), tokens == null ? null : decrypt(tokens));
    }

    private String encrypt(AuthorizationCodeTokens tokens) {
        JsonObject json = new JsonObject().put("id", tokens.getIdToken()).put("at", tokens.getAccessToken())
                .put("rt", tokens.getRefreshToken()).put("exp", tokens.getAccessTokenExpiresIn())
                .put("scope", tokens.getAccessTokenScope());
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(json.encode().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    private AuthorizationCodeTokens decrypt(String value) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, IV_BYTES));
            JsonObject json = new JsonObject(new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES),
                    StandardCharsets.UTF_8));
            return new AuthorizationCodeTokens(json.getString("id"), json.getString("at"), json.getString("rt"),
                    json.getLong("exp"), json.getString("scope"));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null; // written with another key (rotated): the session cannot be used, the user signs in again
        }
    }

    private static String recordKey(String handle) {
        return "gateway:login:" + handle;
    }

    private static String indexKey(String sessionId) {
        return "gateway:login-session:" + sessionId;
    }
}

package io.trackersuite.gateway.sessions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The login-session id, in its own signed, HttpOnly cookie beside the OIDC session cookie: the OIDC cookie holds
 * tokens that change on refresh, while monitoring-service needs one id from LOGIN to LOGOUT.
 */
@ApplicationScoped
public class SessionCookie {

    public static final String NAME = "tracker_sid";

    private final LoginSessionConfig config;
    private final SecretKeySpec key;

    public SessionCookie(LoginSessionConfig config) {
        if (config.signingKey().length() < 32) {
            throw new IllegalStateException("gateway.sessions.signing-key must be at least 32 characters");
        }
        this.config = config;
        this.key = new SecretKeySpec(config.signingKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The session id of a cookie we signed; empty when absent or tampered with. */
    public Optional<String> read(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(NAME);
        if (cookie == null) {
            return Optional.empty();
        }
        String value = cookie.getValue();
        int dot = value.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String id = value.substring(0, dot);
        byte[] presented = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, sign(id).getBytes(StandardCharsets.US_ASCII)) ? Optional.of(id)
                : Optional.empty();
    }

    /** Starts a new login session: a fresh id in a new cookie. */
    public String issue(RoutingContext rc) {
        String id = UUID.randomUUID().toString();
        rc.response().addCookie(cookie(id + "." + sign(id), config.maxAge().toSeconds()));
        return id;
    }

    public void clear(RoutingContext rc) {
        rc.response().addCookie(cookie("", 0));
    }

    private Cookie cookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(NAME, value).setPath("/").setHttpOnly(true).setSecure(config.secureCookies())
                .setSameSite(CookieSameSite.LAX).setMaxAge(maxAgeSeconds);
    }

    private String sign(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}

package io.trackersuite.gateway.logins;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.oidc.AuthorizationCodeTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Ends the OIDC provider's own session of a login, so that signing in again needs the password: server to server
 * with the session's refresh token at the provider's end-session endpoint (Keycloak ends the SSO session), or, where
 * the provider does not take that, the refresh token revoked (RFC 7009) and the browser sent through RP-initiated
 * logout with the ID token as hint.
 */
@ApplicationScoped
public class ProviderLogout {

    private static final Logger LOG = Logger.getLogger(ProviderLogout.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final WebClient client;
    private final String discoveryUrl;
    private final String clientId;
    private final String clientSecret;
    /** The provider's metadata, fetched once it is first needed (and again after a failure). */
    private volatile JsonObject metadata;

    public ProviderLogout(Vertx vertx, @ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.client-id") String clientId,
            @ConfigProperty(name = "quarkus.oidc.credentials.secret") String clientSecret) {
        this.client = WebClient.create(vertx);
        this.discoveryUrl = authServerUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** True when the provider confirmed that its session of these tokens has ended. */
    public Uni<Boolean> endSession(AuthorizationCodeTokens tokens) {
        if (tokens == null || tokens.getRefreshToken() == null) {
            return Uni.createFrom().item(false);
        }
        return metadata().chain(meta -> {
            String endSession = meta.getString("end_session_endpoint");
            Uni<Boolean> ended = endSession == null ? Uni.createFrom().item(false)
                    : post(endSession, form().add("refresh_token", tokens.getRefreshToken()));
            return ended.chain(done -> {
                String revocation = meta.getString("revocation_endpoint");
                if (done || revocation == null) {
                    return Uni.createFrom().item(done);
                }
                // at least the grant is gone; the browser still needs the RP-initiated logout for the SSO session
                return post(revocation, form().add("token", tokens.getRefreshToken())
                        .add("token_type_hint", "refresh_token")).replaceWith(false);
            });
        }).onFailure().recoverWithItem(failure -> {
            LOG.warnf("could not end the provider's session: %s", failure.getMessage());
            return false;
        });
    }

    /** The provider's RP-initiated logout address for a browser, or null when it has none. */
    public Uni<String> frontChannelLogout(String idToken, String postLogoutUri) {
        return metadata().map(meta -> {
            String endSession = meta.getString("end_session_endpoint");
            if (endSession == null) {
                return null;
            }
            StringBuilder uri = new StringBuilder(endSession).append(endSession.contains("?") ? '&' : '?')
                    .append("client_id=").append(encode(clientId))
                    .append("&post_logout_redirect_uri=").append(encode(postLogoutUri));
            if (idToken != null) {
                uri.append("&id_token_hint=").append(encode(idToken));
            }
            return uri.toString();
        }).onFailure().recoverWithNull();
    }

    private Uni<JsonObject> metadata() {
        JsonObject known = metadata;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return client.getAbs(discoveryUrl).timeout(TIMEOUT.toMillis()).send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("provider metadata answered " + response.statusCode());
                    }
                    JsonObject meta = response.bodyAsJsonObject();
                    metadata = meta;
                    return meta;
                });
    }

    private MultiMap form() {
        return MultiMap.caseInsensitiveMultiMap().add("client_id", clientId).add("client_secret", clientSecret);
    }

    private Uni<Boolean> post(String url, MultiMap form) {
        return client.postAbs(url).timeout(TIMEOUT.toMillis()).sendForm(form)
                .map(HttpResponse::statusCode)
                .map(status -> status / 100 == 2);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

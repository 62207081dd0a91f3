package io.trackersuite.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code X-API-Key} authentication, for the services that accept keys ({@code tracker.api-key-authentication=on}, a
 * build-time switch). Runs before OIDC; a request without the header is left to the other mechanisms, one with a
 * malformed or wrong key fails (401). The identity is {@code api-key:<id>} with the key's role and its id as the
 * {@link #KEY_ID} attribute (per-key rate limits, audits).
 */
@ApplicationScoped
@Startup // checks the settings at start, not at the first request
@IfBuildProperty(name = "tracker.api-key-authentication", stringValue = "on")
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String KEY_ID = "api-key-id";

    /** Where keys were configured before the services shared one setting. */
    private static final Set<String> FORMER_PREFIXES = Set.of("gateway.security.api-keys.", "scanner.security.api-keys.",
            "GATEWAY_SECURITY_API_KEYS_", "SCANNER_SECURITY_API_KEYS_");

    private final ApiKeyRing keys;

    public ApiKeyAuthenticationMechanism(ApiKeysConfig config) {
        refuseFormerSettings();
        this.keys = new ApiKeyRing(config.keys().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new ApiKeyRing.Key(e.getValue().sha256(), e.getValue().role()))));
    }

    /** Keys under a former name would be silently ignored, and every caller using them refused: fail at start. */
    private static void refuseFormerSettings() {
        StreamSupport.stream(ConfigProvider.getConfig().getPropertyNames().spliterator(), false)
                .filter(name -> FORMER_PREFIXES.stream().anyMatch(name::startsWith))
                .findFirst()
                .ifPresent(name -> {
                    throw new IllegalStateException("API keys are now configured once for every service as "
                            + "tracker.api-keys.<id>.sha256/.role (TRACKER_API_KEYS__<ID>__SHA256/__ROLE); found " + name);
                });
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String presented = context.request().getHeader(ApiKeyRing.HEADER);
        if (presented == null) {
            return Uni.createFrom().nullItem();
        }
        Optional<String> keyId = ApiKeyRing.keyId(presented);
        if (keyId.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed API key"));
        }
        Optional<String> role = keys.roleOf(presented);
        if (role.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown or revoked API key"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("api-key:" + keyId.get()))
                .addRole(role.get())
                .addAttribute(KEY_ID, keyId.get())
                .build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (context.request().getHeader(ApiKeyRing.HEADER) == null) {
            return Uni.createFrom().nullItem(); // not an API-key client: OIDC decides (sign-in redirect or 401)
        }
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        return 2000; // before OIDC (1001): an API key wins over a session cookie sent along by accident
    }
}

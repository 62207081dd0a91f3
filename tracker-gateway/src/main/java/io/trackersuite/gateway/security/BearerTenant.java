package io.trackersuite.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.Validator;

import io.quarkus.oidc.TenantFeature;
import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;

/**
 * REST clients' bearer tokens are checked by their own OIDC tenant ({@code quarkus.oidc.bearer.*}): an access token
 * issued for the suite (audience {@code tracker-suite}), never an ID token, never a token introspected with a client
 * the provider does not know. Browsers (no Authorization header) use the default tenant's code flow.
 */
@ApplicationScoped
public class BearerTenant implements TenantResolver {

    static final String NAME = "bearer";

    @Override
    public String resolve(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? NAME : null;
    }

    /** Refuses tokens that say they are ID tokens (Keycloak: typ ID; Cognito: token_use id): they prove a sign-in to
     * one client, they do not grant access. */
    @ApplicationScoped
    @TenantFeature(NAME)
    public static class AccessTokensOnly implements Validator {
        @Override
        public String validate(JwtContext jwtContext) throws MalformedClaimException {
            JwtClaims claims = jwtContext.getJwtClaims();
            if ("ID".equals(claims.getClaimValue("typ")) || "id".equals(claims.getClaimValue("token_use"))) {
                return "an ID token is not an access token";
            }
            return null;
        }
    }
}

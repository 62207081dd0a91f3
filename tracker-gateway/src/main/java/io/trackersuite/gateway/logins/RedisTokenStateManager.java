package io.trackersuite.gateway.logins;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TokenStateManager;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.trackersuite.gateway.logins.LoginStore.LoginRecord;
import io.vertx.ext.web.RoutingContext;

/**
 * Where quarkus-oidc keeps a browser's tokens: in the login session's Redis record ({@link LoginStore}) instead of the
 * cookie. A refresh keeps the same record (one login session per real sign-in); a record that has ended (logout,
 * termination) or expired fails authentication on every replica, whatever cookies the browser replays.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RedisTokenStateManager implements TokenStateManager {

    /** Routing-context key: the login session this request authenticated with. */
    public static final String RECORD = "gateway.login-record";
    /** Routing-context key: why the session the request presented no longer works (logout, terminated, expired). */
    public static final String ENDED = "gateway.login-ended";
    static final String EXPIRED = "expired";

    private final LoginStore store;
    private final long maxAgeMillis;

    public RedisTokenStateManager(LoginStore store, LoginSessionConfig config) {
        this.store = store;
        this.maxAgeMillis = config.maxAge().toMillis();
    }

    @Override
    public Uni<String> createTokenState(RoutingContext rc, OidcTenantConfig oidcConfig, AuthorizationCodeTokens tokens,
            OidcRequestContext<String> requestContext) {
        LoginRecord current = rc.get(RECORD);
        if (current == null) { // the code flow's callback: a new sign-in
            return store.create(tokens).invoke(record -> rc.put(RECORD, record)).map(LoginRecord::handle);
        }
        return store.replaceTokens(current.handle(), tokens).chain(replaced -> {
            if (!replaced) { // ended by logout or an admin while the refresh was under way
                rc.put(ENDED, LoginStore.ENDED_LOGOUT);
                return Uni.createFrom().failure(new AuthenticationFailedException("the login session has ended"));
            }
            return Uni.createFrom().item(current.handle());
        });
    }

    @Override
    public Uni<AuthorizationCodeTokens> getTokens(RoutingContext rc, OidcTenantConfig oidcConfig, String handle,
            OidcRequestContext<AuthorizationCodeTokens> requestContext) {
        return store.find(handle).chain(record -> {
            String ended = endedBecause(record);
            if (ended != null) {
                rc.put(ENDED, ended);
                return Uni.createFrom().failure(new AuthenticationFailedException("the login session has ended"));
            }
            rc.put(RECORD, record);
            return Uni.createFrom().item(record.tokens());
        });
    }

    /** Why a record can no longer authenticate (logout, terminated, expired), or null while it can. */
    private String endedBecause(LoginRecord record) {
        if (record == null) {
            return EXPIRED; // idled out, or a handle we never issued
        }
        if (record.isEnded()) {
            return record.ended();
        }
        boolean tooOld = System.currentTimeMillis() - record.createdMillis() > maxAgeMillis;
        return tooOld || record.tokens() == null ? EXPIRED : null; // no tokens: sealed with a key since rotated
    }

    @Override
    public Uni<Void> deleteTokens(RoutingContext rc, OidcTenantConfig oidcConfig, String handle,
            OidcRequestContext<Void> requestContext) {
        // quarkus-oidc calls this whenever it drops the session cookie, also just before a refresh writes the new
        // tokens into the same record: the record is never deleted here. It ends by logout or termination (LoginStore
        // .end), or expires after the idle timeout.
        return Uni.createFrom().voidItem();
    }
}

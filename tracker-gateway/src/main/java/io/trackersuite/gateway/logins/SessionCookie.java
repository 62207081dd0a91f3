package io.trackersuite.gateway.logins;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/** quarkus-oidc's session cookie, which holds only the handle of the login session's record in Redis. */
@Singleton
public class SessionCookie {

    private final String name;
    private final boolean secure;

    public SessionCookie(LoginSessionConfig config,
            @ConfigProperty(name = "quarkus.oidc.authentication.cookie-prefix", defaultValue = "q") String cookiePrefix) {
        this.name = cookiePrefix + "_session";
        this.secure = config.secureCookies();
    }

    /** The handle the browser presented, or null. */
    public String handle(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(name);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    public void clear(RoutingContext rc) {
        rc.response().addCookie(Cookie.cookie(name, "").setPath("/").setHttpOnly(true).setSecure(secure)
                .setSameSite(CookieSameSite.LAX).setMaxAge(0));
    }
}

package io.trackersuite.gateway.http;

/**
 * The order in which a request passes the gateway's handlers (Vert.x route orders, lowest first), in one place.
 * Quarkus's own handlers sit between them: CORS at -300, authentication at -200 (lazy: it only prepares the
 * identity), authorisation of the paths in {@code quarkus.http.auth.permission.*} at -100, REST endpoints and static
 * pages after the proxy.
 * <ol>
 * <li>{@link #EDGE} routing.EdgeGuard: client IP, security headers, timing; refuses unsafe paths, oversized bodies,
 * cross-site changes and locked-out clients before any other work. A request for a route that presents no
 * credentials goes from here straight to {@link #PROXY}'s checks: authentication, login sessions and the path
 * policies have nothing to do for it (routes are authorised by their own roles; the path policies cover only the
 * gateway's own pages and endpoints).</li>
 * <li>{@link #LOGOUT} logins.LogoutRoute: {@code /logout}, answered whatever state the sign-in is in.</li>
 * <li>{@link #AUTHENTICATE} security.Authentication: credentials a request presents are checked; a request that
 * presents none goes on anonymous, with no sign-in work at all.</li>
 * <li>{@link #LOGIN_SESSIONS} logins.LoginGuard: a browser's login session is announced, kept alive and tracked.</li>
 * <li>{@link #PROXY} routing.ProxyRoutes: roles, the rate limit, then the service.</li>
 * </ol>
 * Failures: security.AuthenticationFailures (401 problems, failed attempts counted) first, then
 * http.Problems (every other error as a problem or a readable page, 404 included).
 */
public final class Pipeline {

    public static final int EDGE = -1000;
    public static final int LOGOUT = -900;
    public static final int AUTHENTICATE = -90;
    public static final int LOGIN_SESSIONS = -50;
    public static final int PROXY = 1;
    public static final int AUTHENTICATION_FAILURES = Integer.MIN_VALUE;

    private Pipeline() {
    }
}

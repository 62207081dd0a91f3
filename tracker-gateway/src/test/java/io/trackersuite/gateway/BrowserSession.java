package io.trackersuite.gateway;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A browser's view of the gateway for the OIDC tests: a cookie jar and manual redirects, so each hop of the
 * authorization-code flow (gateway, provider's login form, callback) happens as it would in a browser.
 */
final class BrowserSession {

    private final HttpClient client;
    private final CookieManager cookies = new LocalhostCookies();
    private final String base;

    BrowserSession(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Signs in through the whole code flow (the mock provider accepts any user and password). */
    void signIn(String userAgent) throws IOException, InterruptedException {
        HttpResponse<String> toProvider = get("/login?redirect=/api/gateway/account", "text/html", userAgent);
        expectRedirect(toProvider);
        URI authorize = URI.create(toProvider.headers().firstValue("Location").orElseThrow());
        // the provider's login form posts (GET) username, password, state and redirect_uri to /login
        String query = authorize.getRawQuery();
        URI submit = URI.create(authorize.getScheme() + "://" + authorize.getAuthority() + "/login?username=alice"
                + "&password=alice&state=" + param(query, "state") + "&redirect_uri=" + param(query, "redirect_uri"));
        HttpResponse<String> back = client.send(HttpRequest.newBuilder(submit).build(), HttpResponse.BodyHandlers.ofString());
        expectRedirect(back);
        HttpResponse<String> response = follow(URI.create(back.headers().firstValue("Location").orElseThrow()), userAgent);
        for (int hops = 0; hops < 5 && response.statusCode() / 100 == 3; hops++) {
            response = follow(URI.create(base).resolve(response.headers().firstValue("Location").orElseThrow()), userAgent);
        }
        if (response.statusCode() != 200 || !response.body().contains("\"authenticated\":true")) {
            throw new AssertionError("sign-in did not complete: " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * Signs in at a real provider's login page (Keycloak): follows the gateway to the provider, submits the login
     * form with the password, and follows the redirects back to {@code /api/gateway/account}.
     */
    void signInWithPassword(String username, String password, String userAgent) throws IOException, InterruptedException {
        HttpResponse<String> page = providerLoginPage(userAgent);
        if (page.statusCode() != 200) {
            throw new AssertionError("expected the provider's login form, got " + page.statusCode());
        }
        String action = loginFormAction(page.body());
        String form = "username=" + encode(username) + "&password=" + encode(password) + "&credentialId=";
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        for (int hops = 0; hops < 5 && response.statusCode() / 100 == 3; hops++) {
            response = follow(URI.create(base).resolve(response.headers().firstValue("Location").orElseThrow()), userAgent);
        }
        if (response.statusCode() != 200 || !response.body().contains("\"authenticated\":true")) {
            throw new AssertionError("sign-in did not complete: " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * Starts a sign-in and follows it to the provider: a 200 there is its login form (a password is needed), a
     * redirect back to the gateway means the provider still had a session and signed the browser in without one.
     */
    HttpResponse<String> providerLoginPage(String userAgent) throws IOException, InterruptedException {
        HttpResponse<String> toProvider = get("/login?redirect=/api/gateway/account", "text/html", userAgent);
        expectRedirect(toProvider);
        return client.send(HttpRequest.newBuilder(URI.create(toProvider.headers().firstValue("Location").orElseThrow()))
                .header("Accept", "text/html").header("User-Agent", userAgent).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A long-lived response (an SSE feed), read line by line as it arrives. */
    HttpResponse<java.util.stream.Stream<String>> stream(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    /** The value of a cookie this browser holds for the gateway, or null. */
    String cookie(String name) {
        return cookies.getCookieStore().get(URI.create(base)).stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    /** A request that carries only the given cookie, as an attacker replaying a saved cookie would send it. */
    HttpResponse<String> replay(String path, String cookie) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "application/json").header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Like a browser, treats http://localhost as a secure context: Keycloak's login cookies are Secure. */
    private static final class LocalhostCookies extends CookieManager {
        LocalhostCookies() {
            super(null, CookiePolicy.ACCEPT_ALL);
        }

        @Override
        public java.util.Map<String, java.util.List<String>> get(URI uri, java.util.Map<String, java.util.List<String>> headers)
                throws IOException {
            boolean localhost = "http".equals(uri.getScheme()) && "localhost".equals(uri.getHost());
            return super.get(localhost ? URI.create("https" + uri.toString().substring(4)) : uri, headers);
        }
    }

    private static String loginFormAction(String html) {
        java.util.regex.Matcher form = java.util.regex.Pattern
                .compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(html);
        if (!form.find()) {
            throw new AssertionError("no login form on the provider's page");
        }
        return form.group(1).replace("&amp;", "&");
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    HttpResponse<String> get(String path, String accept, String userAgent) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept)
                .header("User-Agent", userAgent).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, "application/json", "gateway-test");
    }

    /** A state-changing request from one of our own pages (same Origin), as the admin dashboard sends it. */
    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Origin", base)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> follow(URI uri, String userAgent) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .header("User-Agent", userAgent).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expectRedirect(HttpResponse<?> response) {
        if (response.statusCode() / 100 != 3) {
            throw new AssertionError("expected a redirect from " + response.uri() + ", got " + response.statusCode());
        }
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + query);
    }
}

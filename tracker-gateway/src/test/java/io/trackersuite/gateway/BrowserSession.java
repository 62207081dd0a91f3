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
    private final String base;

    BrowserSession(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
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

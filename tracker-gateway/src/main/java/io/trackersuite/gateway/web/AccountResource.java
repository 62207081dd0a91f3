package io.trackersuite.gateway.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** Sign-in entry point and "who am I" for the web UI. Sign-out is {@code /logout}, handled by quarkus-oidc. */
@Path("/")
public class AccountResource {

    /** The signed-in caller as the UI needs it. */
    public record Account(boolean authenticated, String username, List<String> roles) {
    }

    private final SecurityIdentity identity;

    public AccountResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Path("login")
    @Authenticated
    @Operation(summary = "Starts the OIDC sign-in (browsers) and then returns to the page given in 'redirect'")
    public Response login(@QueryParam("redirect") String redirect) {
        return Response.seeOther(isLocalPath(redirect) ? localUri(redirect) : URI.create("/")).build();
    }

    @GET
    @Path("api/gateway/account")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller: signed in or not, username and roles")
    public Account account() {
        if (identity.isAnonymous()) {
            return new Account(false, null, List.of());
        }
        Set<String> roles = identity.getRoles();
        return new Account(true, identity.getPrincipal().getName(), roles.stream().sorted().toList());
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Where the browser lands after signing out, or after an admin ended the session")
    public String signedOut(@QueryParam("reason") String reason) {
        String message = "terminated".equals(reason)
                ? "An administrator ended your session."
                : "You are signed out.";
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Signed out</title>
                <meta name="viewport" content="width=device-width, initial-scale=1"></head>
                <body><main><h1>%s</h1><p><a href="/login">Sign in again</a> or go to the <a href="/">tracker page</a>.</p></main></body></html>
                """.formatted(message);
    }

    /** The path (and query) as a URI, characters a URI cannot hold ("/x|y") percent-encoded rather than refused. */
    private static URI localUri(String path) {
        int query = path.indexOf('?');
        try {
            return new URI(null, null, query < 0 ? path : path.substring(0, query),
                    query < 0 ? null : path.substring(query + 1), null);
        } catch (URISyntaxException e) {
            return URI.create("/");
        }
    }

    /** Only our own paths: "/x" but never "//host" or "/\\host", which browsers treat as another site. */
    static boolean isLocalPath(String path) {
        return path != null && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")
                && path.chars().noneMatch(c -> c < 0x20);
    }
}

package io.trackersuite.session.presence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The minimal tracker page of this service (the full one comes from the gateway's web UI). When this instance is
 * full, a plain HTML page says so with 503, before the browser even tries the WebSocket.
 */
@Path("/")
public class TrackerPageResource {

    private static final String PAGE = classpathText("page/tracker.html");
    private static final String MAX_USERS_PAGE = classpathText("page/max-users.html");

    private final PresenceConnections connections;

    public TrackerPageResource(PresenceConnections connections) {
        this.connections = connections;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Tracker page; 503 with a readable page when this instance has reached its visitor limit")
    public Response page() {
        if (connections.full()) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(MAX_USERS_PAGE)
                    .header("Retry-After", "60").build();
        }
        return Response.ok(PAGE).build();
    }

    private static String classpathText(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.trackersuite.monitoring.sessions;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.trackersuite.api.InvalidParameterException;
import io.trackersuite.monitoring.api.Cursor;
import io.trackersuite.api.QueryParameters;
import io.trackersuite.security.Roles;

/** The admin's view of real login sessions. Admin role only (OIDC bearer token). */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Sessions", description = "Active users and session history from real logins")
public class SessionResource {

    /** A page of history; pass {@code nextCursor} as {@code cursor} for the next one (null on the last page). */
    public record SessionPage(List<SessionView> items, String nextCursor) {
    }

    private final SessionRepository sessions;
    private final SessionTerminator terminator;
    private final SessionsConfig config;
    private final ActiveUsersFeed feed;
    private final ActiveUserFigures figures;
    private final SecurityIdentity identity;

    public SessionResource(SessionRepository sessions, SessionTerminator terminator, SessionsConfig config,
            ActiveUsersFeed feed, ActiveUserFigures figures, SecurityIdentity identity) {
        this.sessions = sessions;
        this.figures = figures;
        this.terminator = terminator;
        this.config = config;
        this.feed = feed;
        this.identity = identity;
    }

    @GET
    @Path("/active")
    @Operation(summary = "Distinct users active within the last `minutes`, by role, with their sessions")
    public ActiveUsers active(@QueryParam("minutes") String minutes, @QueryParam("limit") String limit) {
        int window = QueryParameters.integer("minutes", minutes, config.activeWindowMinutes(), 1, 1440);
        int listed = QueryParameters.integer("limit", limit, 100, 0, 1000);
        return ActiveUsers.of(figures.figures(window), sessions.activeSessions(window, listed));
    }

    @GET
    @Path("/active/feed")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: the active-user figures now, then each time they change")
    public Multi<ActiveUsers.Figures> feed() {
        return feed.stream();
    }

    @GET
    @Operation(summary = "Session history, newest login first, with filters and keyset pagination")
    public SessionPage history(@QueryParam("user") String user, @QueryParam("role") String role,
            @QueryParam("ip") String ip, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("state") String state, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Instant fromTime = QueryParameters.instant("from", from);
        Instant toTime = QueryParameters.instant("to", to);
        QueryParameters.range("from", fromTime, toTime);
        String stateValue = QueryParameters.oneOf("state", state, List.of("active", "ended"));
        SessionRepository.HistoryFilter filter = new SessionRepository.HistoryFilter(
                QueryParameters.text("user", user, 128),
                QueryParameters.oneOf("role", role, config.roles()),
                ipFilter(ip),
                fromTime, toTime,
                stateValue == null ? null : "active".equals(stateValue));
        int pageSize = QueryParameters.integer("limit", limit, 50, 1, 500);
        Instant now = Instant.now();
        List<UserSession> page = sessions.history(filter, Cursor.decode("cursor", cursor), pageSize);
        String next = page.size() < pageSize ? null
                : new Cursor(page.get(page.size() - 1).loginTime, page.get(page.size() - 1).id).encode();
        return new SessionPage(page.stream().map(s -> SessionView.of(s, now)).toList(), next);
    }

    @POST
    @Path("/{sessionId}/terminate")
    @Operation(summary = "Forced logout: ends the session (reason FORCED); the gateway refuses it within seconds")
    public SessionView terminate(@PathParam("sessionId") String sessionId) {
        if (sessionId.length() > 128 || sessionId.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException("sessionId",
                    "'sessionId' must be at most 128 characters, without control characters");
        }
        return terminator.terminate(sessionId, identity.getPrincipal().getName());
    }

    private static String ipFilter(String ip) {
        String value = QueryParameters.text("ip", ip, 45);
        if (value != null && !value.matches("[0-9a-fA-F:.]+")) {
            throw new InvalidParameterException("ip", "'ip' must be an IPv4 or IPv6 address");
        }
        return value;
    }
}

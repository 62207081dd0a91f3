package io.trackersuite.session.visits;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import io.trackersuite.api.Problem;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.events.VisitEvent;
import io.trackersuite.session.net.ClientAddresses;
import io.trackersuite.useragent.UserAgentParser;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/track")
public class VisitResource {

    private static final Logger LOG = Logger.getLogger(VisitResource.class);

    /** Optional body: the page the visitor is on; {@code website} is the original Node tracker's name for it. */
    public record TrackRequest(String page, String website) {

        String pageOrWebsite() {
            if (page != null && website != null && !page.equals(website)) {
                throw new BadRequestException("send page or website (its former name), not two different values");
            }
            return page != null ? page : website;
        }
    }

    private final VisitTracker tracker;
    private final ClientAddresses addresses;

    public VisitResource(VisitTracker tracker, ClientAddresses addresses) {
        this.tracker = tracker;
        this.addresses = addresses;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a visit of the calling IP; the same IP within the duplicate window is not counted "
            + "again. 429 with Retry-After over the per-IP limit")
    public VisitTracker.TrackedVisit track(TrackRequest request, @Context HttpServerRequest http,
            @Context HttpHeaders headers) {
        String page = request == null ? null : request.pageOrWebsite();
        if (page != null && (page.length() > VisitEvent.MAX_PAGE_CHARS || page.chars().anyMatch(Character::isISOControl))) {
            throw new BadRequestException(
                    "page must be at most " + VisitEvent.MAX_PAGE_CHARS + " characters, without control characters");
        }
        String ip = addresses.clientIp(http.remoteAddress().hostAddress(), headers.getHeaderString("X-Forwarded-For"));
        String userAgent = UserAgentParser.clean(headers.getHeaderString(HttpHeaders.USER_AGENT), TrackerEvent.MAX_USER_AGENT_CHARS);
        try {
            return tracker.track(ip, userAgent, page);
        } catch (VisitTracker.RateLimitedException e) {
            throw new WebApplicationException(e.getMessage(), Response.status(429)
                    .header("Retry-After", e.retryAfterSeconds()).type(Problem.MEDIA_TYPE).build());
        } catch (RuntimeException e) {
            // everything past validation is Redis: unreachable means the visit is not recorded, and we say so
            LOG.warnf("visit not recorded: %s", e.toString());
            throw new ServiceUnavailableException(Response.status(503).header("Retry-After", "10").build());
        }
    }
}

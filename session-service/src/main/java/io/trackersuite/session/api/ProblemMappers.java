package io.trackersuite.session.api;

import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.trackersuite.api.Problem;

/** Every REST error leaves as a problem body; no stack trace or internal message ever reaches a client. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String detail = status < 500 ? e.getMessage() : "The request could not be completed.";
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, known == null ? "Error" : known.getReasonPhrase(), detail));
        // keep what tells the client when to come back
        if (original.getHeaderString("Retry-After") != null) {
            response.header("Retry-After", original.getHeaderString("Retry-After"));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error, incident %s", incident);
        return Response.status(500).type(Problem.MEDIA_TYPE).entity(Problem.of(500, "Internal Server Error",
                "The request could not be completed (incident " + incident + ").")).build();
    }
}

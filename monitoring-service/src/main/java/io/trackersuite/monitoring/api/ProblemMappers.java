package io.trackersuite.monitoring.api;

import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.trackersuite.api.InvalidParameterException;
import io.trackersuite.api.Problem;

/** Every error leaves as a problem body; no stack trace or internal message ever reaches a client. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return problem(new Problem("about:blank", "Invalid request parameter", 400, e.getMessage(), e.parameter()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        // 4xx messages are ours (e.g. "no session s-1"); 5xx ones may be internal
        String detail = status < 500 ? e.getMessage() : "The request could not be completed.";
        return problem(Problem.of(status, title, detail));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error, incident %s", incident);
        return problem(Problem.of(500, "Internal Server Error",
                "The request could not be completed (incident " + incident + ")."));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}

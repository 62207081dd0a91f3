package io.trackersuite.scanner.api;

import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.trackersuite.api.InvalidParameterException;
import io.trackersuite.api.JsonBodyProblems;
import io.trackersuite.api.Problem;

/** Every error leaves as a problem body naming the bad field; no stack trace or internal message reaches a client. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return problem(new Problem("about:blank", "Invalid request", 400, e.getMessage(), e.parameter()));
    }

    /** A value of the wrong type; declared apart because Quarkus ships its own mapper for exactly this type. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableBody(e);
    }

    /** Malformed JSON, an unknown field or a value of the wrong type: the field named, the value never echoed. */
    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        return problem(JsonBodyProblems.of(e));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableBody(json); // the JSON reader wraps some parse errors (e.g. a truncated body)
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        // 4xx messages are ours (e.g. "no scan ..."); 5xx ones may be internal
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

    public static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}

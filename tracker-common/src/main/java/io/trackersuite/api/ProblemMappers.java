package io.trackersuite.api;

import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.arc.properties.UnlessBuildProperty;

/**
 * Every REST error of every service leaves as an RFC 9457 problem body naming the bad parameter or field; no stack
 * trace or internal message reaches a client, and what tells a client when to come back ({@code Retry-After}) or
 * what it may do ({@code Allow}) is kept. The gateway turns this off ({@code tracker.rest.problem-mappers=off}): it
 * renders its errors itself, as a readable page for a browser's page load and a problem for API clients.
 */
@UnlessBuildProperty(name = "tracker.rest.problem-mappers", stringValue = "off", enableIfMissing = true)
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return problem(new Problem("about:blank", "Invalid request", 400, e.getMessage(), e.parameter()));
    }

    /** A value of the wrong type or an unknown field; declared apart because Quarkus maps exactly this type itself. */
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
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        // 4xx messages are ours ("no scan ..."); 5xx ones may be internal
        String detail = status < 500 ? e.getMessage() : "The request could not be completed.";
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, known == null ? "Error" : known.getReasonPhrase(), detail));
        for (String header : new String[] { HttpHeaders.RETRY_AFTER, HttpHeaders.ALLOW }) {
            if (original.getHeaderString(header) != null) {
                response.header(header, original.getHeaderString(header));
            }
        }
        return response.build();
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

package io.trackersuite.session.api;

import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.trackersuite.api.JsonBodyProblems;
import io.trackersuite.api.Problem;

/** Every REST error leaves as a problem body; no stack trace or internal message ever reaches a client. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** A value of the wrong type or an unknown field; declared apart because Quarkus maps exactly this type itself. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableBody(e);
    }

    /** Malformed JSON, an unknown field or a value of the wrong type: the field named, the value never echoed. */
    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(JsonBodyProblems.of(e)).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableBody(json); // the JSON reader wraps some parse errors (e.g. a truncated body)
        }
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

package io.trackersuite.scanner.seedapi;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.trackersuite.api.Problem;

/**
 * The original API answered errors with {@code {"success":false,"error":"..."}}; its clients read those two fields.
 * Our problem bodies keep every RFC 9457 member and add them.
 */
@Provider
@SeedApi
public class SeedErrorBodies implements ContainerResponseFilter {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SeedProblemBody(String type, String title, int status, String detail, String parameter, boolean success,
            String error) {
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem p) {
            response.setEntity(new SeedProblemBody(p.type(), p.title(), p.status(), p.detail(), p.parameter(), false,
                    p.detail()));
        }
    }
}

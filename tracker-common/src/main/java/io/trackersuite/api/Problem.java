package io.trackersuite.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem body ({@code application/problem+json}); {@code parameter} names the bad request parameter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String parameter) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }
}

package io.trackersuite.scanner.actions;

import com.fasterxml.jackson.annotation.JsonAlias;

/** Which resource and what to do to it: one action request, or one item of a bulk request. */
public class ActionTarget {

    @JsonAlias("resourceType")
    public String resourceType;
    public String region;
    @JsonAlias("resourceId")
    public String resourceId;
    public String action;
}

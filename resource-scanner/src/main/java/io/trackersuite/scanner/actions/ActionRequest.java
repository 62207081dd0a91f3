package io.trackersuite.scanner.actions;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;

import io.trackersuite.scanner.aws.CredentialsRequest;

/** Body of {@code POST /api/v1/resources/action}. {@code dry_run} is true unless the request says false. */
public class ActionRequest extends ActionTarget {

    @JsonAlias("dryRun")
    public Boolean dryRun;
    public CredentialsRequest credentials;

    /** Body of {@code POST /api/v1/resources/bulk-action}: items share dry_run and credentials. */
    public static class Bulk {
        public List<ActionTarget> items;
        @JsonAlias("dryRun")
        public Boolean dryRun;
        public CredentialsRequest credentials;
    }
}

package io.trackersuite.scanner.seedapi;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.trackersuite.api.InvalidParameterException;
import io.trackersuite.scanner.actions.ActionTarget;
import io.trackersuite.scanner.aws.CredentialsRequest;

/** Request bodies of the original AWS resource tracker's API, bound as strictly as the rest of the suite. */
final class SeedRequests {

    private SeedRequests() {
    }

    /**
     * Access keys as the original API took them: at the top level of the body, or in the {@code X-AWS-Access-Key} and
     * {@code X-AWS-Secret-Key} headers. Without any, the service's own credentials (IRSA on EKS) are used.
     */
    static class WithAccessKeys {
        @JsonProperty(value = "access_key_id", access = JsonProperty.Access.WRITE_ONLY)
        public String accessKeyId;
        @JsonProperty(value = "secret_access_key", access = JsonProperty.Access.WRITE_ONLY)
        public String secretAccessKey;
        @JsonProperty(value = "session_token", access = JsonProperty.Access.WRITE_ONLY)
        public String sessionToken;

        CredentialsRequest credentials(String headerAccessKey, String headerSecretKey) {
            String access = accessKeyId != null ? accessKeyId : headerAccessKey;
            String secret = secretAccessKey != null ? secretAccessKey : headerSecretKey;
            if (access == null && secret == null) {
                return null;
            }
            if (access == null || access.isBlank() || secret == null || secret.isBlank()) {
                throw new InvalidParameterException("access_key_id",
                        "access keys need both access_key_id and secret_access_key");
            }
            CredentialsRequest credentials = new CredentialsRequest();
            credentials.accessKeyId = access;
            credentials.secretAccessKey = secret;
            credentials.sessionToken = sessionToken;
            return credentials;
        }
    }

    /** {@code POST /api/v1/resources/action}: the original carried the action out; {@code dry_run} is ours. */
    static class Action extends WithAccessKeys {
        @JsonProperty("resource_id")
        public String resourceId;
        @JsonProperty("resource_type")
        public String resourceType;
        public String region;
        public String action;
        @JsonProperty("dry_run")
        public Boolean dryRun;
    }

    /** {@code POST /api/v1/resources/bulk-action}. */
    static class Bulk extends WithAccessKeys {
        public List<ActionTarget> actions;
        @JsonProperty("dry_run")
        public Boolean dryRun;
    }

    /**
     * {@code POST /api/v1/resources/filter}: the original filtered the {@code resources} the client sent back from a
     * scan; without them (our addition) the stored scan {@code scan_id}, or the newest completed one, is filtered.
     */
    static class Filter {
        public List<Map<String, Object>> resources;
        public Filters filters;
        @JsonProperty("scan_id")
        public UUID scanId;
    }

    /** Each given filter must match; {@code tags} needs every pair. */
    static class Filters {
        @JsonProperty("resource_type")
        public String resourceType;
        public String region;
        public String state;
        public Map<String, String> tags;
    }
}

package io.trackersuite.scanner.aws;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.trackersuite.api.InvalidParameterException;

/**
 * Credentials a request may carry instead of the service's own (default chain: environment, profile, IRSA web
 * identity, instance profile). Access keys are accepted for compatibility with the original API: they live in memory
 * for that request only and are never logged, stored or echoed, hence write-only and a {@link #toString()} without
 * them.
 */
public class CredentialsRequest {

    @JsonProperty(value = "access_key_id", access = JsonProperty.Access.WRITE_ONLY)
    @JsonAlias("accessKeyId")
    public String accessKeyId;

    @JsonProperty(value = "secret_access_key", access = JsonProperty.Access.WRITE_ONLY)
    @JsonAlias("secretAccessKey")
    public String secretAccessKey;

    @JsonProperty(value = "session_token", access = JsonProperty.Access.WRITE_ONLY)
    @JsonAlias("sessionToken")
    public String sessionToken;

    /** Role to assume in the target account, with the default chain or the given keys as the source. */
    @JsonProperty("role_arn")
    @JsonAlias("roleArn")
    public String roleArn;

    @JsonProperty(value = "external_id", access = JsonProperty.Access.WRITE_ONLY)
    @JsonAlias("externalId")
    public String externalId;

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    /** Refuses half a key pair or a malformed role ARN before any call is made. */
    public void validate() {
        if (hasAccessKeys() && (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null
                || secretAccessKey.isBlank())) {
            throw new InvalidParameterException("credentials.access_key_id",
                    "access keys need both access_key_id and secret_access_key");
        }
        if (roleArn != null && !ROLE_ARN.matcher(roleArn).matches()) {
            throw new InvalidParameterException("credentials.role_arn", "role_arn is not an IAM role ARN");
        }
    }

    public boolean hasAccessKeys() {
        return accessKeyId != null || secretAccessKey != null;
    }

    /** What may be recorded about these credentials: their kind and the role, never a key. */
    public String source() {
        String base = hasAccessKeys() ? "request access keys" : "default chain";
        return roleArn == null ? base : base + ", assume role " + roleArn;
    }

    @Override
    public String toString() {
        return source();
    }
}

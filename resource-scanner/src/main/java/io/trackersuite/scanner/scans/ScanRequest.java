package io.trackersuite.scanner.scans;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.trackersuite.api.InvalidParameterException;
import io.trackersuite.scanner.aws.CredentialsRequest;
import io.trackersuite.scanner.inventory.Regions;
import io.trackersuite.scanner.families.ResourceTypes;
import io.trackersuite.scanner.inventory.ResourceType;

/**
 * Body of {@code POST /api/v1/scans}. Every field is optional: all enabled regions, every type, the default workers
 * and the service's own credentials. The top-level {@code aws_*} keys are the original API's spelling of
 * {@code credentials}.
 */
public class ScanRequest {

    public List<String> regions;

    @JsonAlias("resourceTypes")
    public List<String> resourceTypes;

    @JsonAlias("maxWorkers")
    public Integer maxWorkers;

    public CredentialsRequest credentials;

    /** Top-level keys as the original tracker (access_key_id) and its predecessor (aws_access_key_id) took them. */
    @JsonProperty(value = "aws_access_key_id", access = JsonProperty.Access.WRITE_ONLY)
    @JsonAlias("access_key_id")
    public String awsAccessKeyId;

    @JsonProperty(value = "aws_secret_access_key", access = JsonProperty.Access.WRITE_ONLY)
    @JsonAlias("secret_access_key")
    public String awsSecretAccessKey;

    @JsonProperty(value = "aws_session_token", access = JsonProperty.Access.WRITE_ONLY)
    @JsonAlias("session_token")
    public String awsSessionToken;

    /** The validated plan; 400 naming the field when a region, type or worker count is not acceptable. */
    public ScanPlan toPlan(ScanConfig config, ResourceTypes known) {
        List<String> planRegions = new ArrayList<>();
        if (regions != null) {
            for (int i = 0; i < regions.size(); i++) {
                String region = regions.get(i);
                if (region == null || !Regions.isKnown(region)) {
                    throw new InvalidParameterException("regions[" + i + "]", "unknown region '" + region + "'");
                }
                planRegions.add(region);
            }
        }
        LinkedHashSet<ResourceType> types = new LinkedHashSet<>();
        if (resourceTypes == null || resourceTypes.isEmpty()) {
            types.addAll(known.all());
        } else {
            for (int i = 0; i < resourceTypes.size(); i++) {
                String id = resourceTypes.get(i);
                types.add(known.parse(id).orElseThrow(() -> new InvalidParameterException("resource_types",
                        "unknown resource type '" + id + "'; known: " + known.all().stream()
                                .map(ResourceType::id).toList())));
            }
        }
        int workers = maxWorkers == null ? config.defaultWorkersOrMachine() : maxWorkers;
        if (workers < 1 || workers > config.maxWorkersLimit()) {
            throw new InvalidParameterException("max_workers",
                    "max_workers must be between 1 and " + config.maxWorkersLimit());
        }
        return new ScanPlan(List.copyOf(new LinkedHashSet<>(planRegions)), List.copyOf(types), workers, credentials());
    }

    private CredentialsRequest credentials() {
        if (awsAccessKeyId == null && awsSecretAccessKey == null) {
            if (credentials != null) {
                credentials.validate();
            }
            return credentials;
        }
        CredentialsRequest merged = credentials != null ? credentials : new CredentialsRequest();
        merged.accessKeyId = awsAccessKeyId;
        merged.secretAccessKey = awsSecretAccessKey;
        merged.sessionToken = awsSessionToken;
        if (merged.accessKeyId == null || merged.secretAccessKey == null) {
            throw new InvalidParameterException("aws_access_key_id",
                    "access keys need both aws_access_key_id and aws_secret_access_key");
        }
        return merged;
    }
}

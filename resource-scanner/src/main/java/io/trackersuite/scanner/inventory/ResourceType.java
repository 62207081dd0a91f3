package io.trackersuite.scanner.inventory;

import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A kind of resource the scanner inventories, declared by the family that owns it (see
 * {@code io.trackersuite.scanner.families}); the registry of every type is {@code ResourceTypes}.
 *
 * @param id the suite's name ({@code ec2_instance}), stored with each resource and used on its APIs
 * @param seedName the name the original AWS resource tracker gave the type ({@code EC2_Instance}), kept on its API
 * @param service the AWS service that lists it, as errors name it
 * @param accountWide listed once per scan rather than once per region: IAM is global, and S3 lists every bucket of
 *        the account in one call (each bucket is then placed in its own region)
 */
@RegisterForReflection
public record ResourceType(String id, String seedName, String service, boolean accountWide) {

    /** The region recorded for IAM resources, which belong to no region. */
    public static final String GLOBAL_REGION = "global";

    public static ResourceType regional(String id, String seedName, String service) {
        return new ResourceType(id, seedName, service, false);
    }

    public static ResourceType accountWide(String id, String seedName, String service) {
        return new ResourceType(id, seedName, service, true);
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    /** By id ({@code ec2_instance}) or by the original tracker's name ({@code EC2_Instance}), in any case. */
    public boolean isNamed(String name) {
        return id.equalsIgnoreCase(name) || seedName.equalsIgnoreCase(name);
    }

    @Override
    public String toString() {
        return id;
    }
}

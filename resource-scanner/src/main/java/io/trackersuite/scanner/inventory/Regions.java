package io.trackersuite.scanner.inventory;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import io.trackersuite.scanner.aws.AwsAccess;

/** The regions a scan covers: those the account has enabled, or those the request names. */
@ApplicationScoped
public class Regions {

    /** Every region the SDK knows, so a typo in a request is refused before any call. */
    private static final Set<String> KNOWN = Region.regions().stream().filter(r -> !r.isGlobalRegion())
            .map(Region::id).collect(Collectors.toUnmodifiableSet());

    public static boolean isKnown(String region) {
        return KNOWN.contains(region);
    }

    /** Regions enabled for the account: opted-in ones and those that need no opt-in, never "not-opted-in". */
    public List<String> enabled(AwsAccess aws) {
        return aws.home(Ec2Client.class)
                .describeRegions(r -> r.allRegions(true))
                .regions().stream()
                .filter(r -> !"not-opted-in".equals(r.optInStatus()))
                .map(software.amazon.awssdk.services.ec2.model.Region::regionName)
                .sorted()
                .toList();
    }
}

package io.trackersuite.scanner.inventory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import software.amazon.awssdk.core.SdkClient;

/** What a collector sees of the scan it works for: one region (or the account), its clients, and the results. */
public interface CollectContext {

    /** The region of this task, or the home region for an account-wide one. */
    String region();

    /** Every region the scan covers (account-wide collectors keep only what lives in them). */
    Set<String> scannedRegions();

    /** This task's region's client for a service, built once per scan credentials and reused. */
    <T extends SdkClient> T client(Class<T> type);

    /** A client of another region (S3 metrics are read where the bucket lives). */
    <T extends SdkClient> T client(Class<T> type, String region);

    /** The account id (ARNs of types whose API does not return one), read once per scan. */
    String accountId();

    /** Tags of a resource from the region's tag index; empty when the index cannot tell (then ask the service). */
    Optional<Map<String, String>> indexedTags(String region, String arn);

    void found(CloudResource resource);

    /**
     * Runs per-resource detail calls (tags, sizes) as a task of their own on the scan's pool, so a long list does not
     * serialise its detail calls inside one task. A failure there is recorded like any task's, under {@code region}.
     */
    void fork(String region, Runnable detail);

    /** Same as {@link #fork(String, Runnable)} in this task's region. */
    default void fork(Runnable detail) {
        fork(region(), detail);
    }

    /**
     * Finds a resource of this task's region with its tags from the tag index, or, where the index cannot tell, in a
     * detail task that asks the service for them.
     */
    default void foundWithTags(String arn, Supplier<Map<String, String>> askService,
            Function<Map<String, String>, CloudResource> build) {
        Optional<Map<String, String>> indexed = indexedTags(region(), arn);
        if (indexed.isPresent()) {
            found(build.apply(indexed.get()));
        } else {
            fork(() -> found(build.apply(askService.get())));
        }
    }
}

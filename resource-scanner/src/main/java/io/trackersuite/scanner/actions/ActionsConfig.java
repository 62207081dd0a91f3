package io.trackersuite.scanner.actions;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "scanner.actions")
public interface ActionsConfig {

    /**
     * Tags that protect a resource from every action, as {@code key=value} (value compared case-insensitively) or a
     * bare {@code key} (any value).
     */
    @WithDefault("protected=true,do-not-delete")
    List<String> protectionTags();

    /** Items per bulk request. */
    @WithDefault("100")
    int maxBulkItems();

    /** Bulk items carried out at the same time. */
    @WithDefault("8")
    int bulkParallelism();
}

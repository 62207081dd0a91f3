package io.trackersuite.monitoring.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long history is kept (privacy and size); active sessions are never deleted. */
@ConfigMapping(prefix = "monitoring.retention")
public interface RetentionConfig {

    /** When the deletion runs (Quartz-style cron, {@code off} to disable); read by the job's @Scheduled. */
    String cron();

    /** Ended sessions are deleted this long after they ended. */
    @WithDefault("90d")
    Duration sessions();

    @WithDefault("90d")
    Duration visits();

    /** Per-minute traffic aggregates and active-user samples. */
    @WithDefault("30d")
    Duration traffic();
}

package io.trackersuite.monitoring.visits;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Thresholds of the fraud alerts in the visit summary. */
@ConfigMapping(prefix = "monitoring.visits")
public interface VisitsConfig {

    /** The window the alerts look at. */
    @WithDefault("1h")
    Duration alertWindow();

    /** Alert when at least this many distinct users logged in from one IP within the window. */
    @WithDefault("5")
    int usersPerIpAlert();

    /** Alert when one user's logins came from at least this many countries within the window. */
    @WithDefault("3")
    int countriesPerUserAlert();
}

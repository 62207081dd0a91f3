package io.trackersuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trackersuite.testing.ConfigValues;

/** How long the n-th lock-out lasts: no Redis needed to check the doubling and its ceiling. */
@Tag("unit")
class LockoutArithmeticTest {

    private final FailedLogins failedLogins = new FailedLogins(null, ConfigValues.of(SecurityConfig.class,
            Map.of("lockout", Duration.ofMinutes(1), "maxLockout", Duration.ofHours(1))), new SimpleMeterRegistry());

    @Test
    void eachRepeatDoublesTheLockOutUpToTheCeiling() {
        assertThat(failedLogins.lockoutFor(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(failedLogins.lockoutFor(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(failedLogins.lockoutFor(6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(failedLogins.lockoutFor(7)).isEqualTo(Duration.ofHours(1)); // 64 min, capped
        assertThat(failedLogins.lockoutFor(1_000)).isEqualTo(Duration.ofHours(1)); // no overflow however many
    }
}

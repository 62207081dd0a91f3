package io.trackersuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** How long the n-th lock-out lasts: no Redis needed to check the doubling and its ceiling. */
@Tag("unit")
class LockoutArithmeticTest {

    private final FailedLogins failedLogins = new FailedLogins(null, new SecurityConfig() {
        @Override
        public Optional<List<String>> trustedProxies() {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> trustedOrigins() {
            return Optional.empty();
        }

        @Override
        public int maxFailedAttempts() {
            return 10;
        }

        @Override
        public Duration failedAttemptsWindow() {
            return Duration.ofMinutes(15);
        }

        @Override
        public Duration lockout() {
            return Duration.ofMinutes(1);
        }

        @Override
        public Duration maxLockout() {
            return Duration.ofHours(1);
        }
    });

    @Test
    void eachRepeatDoublesTheLockOutUpToTheCeiling() {
        assertThat(failedLogins.lockoutFor(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(failedLogins.lockoutFor(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(failedLogins.lockoutFor(6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(failedLogins.lockoutFor(7)).isEqualTo(Duration.ofHours(1)); // 64 min, capped
        assertThat(failedLogins.lockoutFor(1_000)).isEqualTo(Duration.ofHours(1)); // no overflow however many
    }
}

package io.trackersuite.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trackersuite.testing.ConfigValues;

/** How much of a budget a replica accepts before it reports to Redis: the figure the overshoot bound rests on. */
@Tag("unit")
class LocalBatchTest {

    @Test
    void aReplicaSpendsTwoPercentOfABudgetAndSmallBudgetsStayExact() {
        RateLimiter limiter = new RateLimiter(config(0.02), null, new SimpleMeterRegistry());
        assertThat(limiter.localBatch(600)).isEqualTo(12);
        assertThat(limiter.localBatch(1_200)).isEqualTo(24);
        assertThat(limiter.localBatch(49)).isZero(); // below one whole request: every request asks Redis
        assertThat(limiter.localBatch(10)).isZero(); // the sensitive plan
    }

    @Test
    void aShareThatWouldLetReplicasDoubleABudgetIsRefusedAtStart() {
        assertThatThrownBy(() -> new RateLimiter(config(0.6), null, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local-share");
        assertThat(new RateLimiter(config(0), null, new SimpleMeterRegistry()).localBatch(1_000_000)).isZero();
    }

    private static RateLimitConfig config(double localShare) {
        return ConfigValues.of(RateLimitConfig.class, Map.of("localShare", localShare,
                "maxDelay", Duration.ofSeconds(1), "redisTimeout", Duration.ofMillis(250), "plans", Map.of()));
    }
}

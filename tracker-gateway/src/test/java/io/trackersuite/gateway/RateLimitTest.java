package io.trackersuite.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trackersuite.gateway.ratelimit.RateLimitConfig;
import io.trackersuite.gateway.ratelimit.RateLimiter;
import io.trackersuite.testing.InjectRedisProxy;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.ScrapedMetrics;
import io.trackersuite.testing.TcpProxy;

/**
 * The budget lives in Redis: requests over it wait, then get 429; a second limiter (another replica) sees the same
 * budget; without Redis reads still pass and changes are refused. The test profile gives /api/track 3 requests per
 * 3 s per IP and lets a request wait up to 1 s.
 */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(SuiteResource.class)
class RateLimitTest {

    private static final String BUCKET = "gateway:rl:sensitive:ip:127.0.0.1";

    @Inject
    RedisDataSource redis;

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Inject
    RateLimitConfig config;

    @Inject
    RateLimiter gatewayLimiter;

    @InjectRedisProxy
    TcpProxy redisLink;

    @BeforeEach
    void freshBudget() {
        // the service's first answers (a cold JVM) can take longer than a token's refill: not while budgets are counted
        track();
        redis.key().del(BUCKET);
    }

    @Test
    void overTheBudgetRequestsFirstWaitThenGet429WithRetryAfter() {
        double refusedBefore = refusedBySensitivePlan();
        for (int i = 0; i < 3; i++) {
            track().then().statusCode(200);
        }
        // two more at once: the next token is due in about 1 s (one waits for it), the one after in about 2 s (refused);
        // a thread each (the common pool may have a single one: on 2 cores, JDK 25 runs the two in turn)
        List<Response> both;
        ExecutorService twoAtOnce = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Response> a = CompletableFuture.supplyAsync(RateLimitTest::track, twoAtOnce);
            CompletableFuture<Response> b = CompletableFuture.supplyAsync(RateLimitTest::track, twoAtOnce);
            both = List.of(a.join(), b.join());
        } finally {
            twoAtOnce.shutdown();
        }
        Response delayed = both.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        Response refused = both.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(delayed.timeIn(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(500); // waited for its token
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 3);
        refused.then().contentType("application/problem+json").body("detail", containsString("rate limit"));
        // what the gateway dashboard's 429 panel reads
        assertThat(refusedBySensitivePlan()).isEqualTo(refusedBefore + 1);
    }

    private static double refusedBySensitivePlan() {
        return ScrapedMetrics.scrape(given().header("X-API-Key", SuiteResource.ADMIN_KEY))
                .sum("gateway_rate_limited_total", "plan=\"sensitive\"").orElse(0);
    }

    @Test
    void anotherReplicaSharesTheSameBudget() {
        // a second limiter with no memory of its own, as in another gateway pod, spends the whole budget ...
        RateLimiter otherReplica = new RateLimiter(config, reactiveRedis, new SimpleMeterRegistry());
        // its first call (script load, a cold JVM path) can take longer than a token's refill (1 s): not on our budget
        otherReplica.check("sensitive", "192.0.2.1", null).toCompletableFuture().join();
        for (int i = 0; i < 3; i++) {
            assertThat(otherReplica.check("sensitive", "127.0.0.1", null).toCompletableFuture().join().allowed()).isTrue();
        }
        // ... so this gateway's limiter makes the same client wait for the next token (a fresh budget would answer at
        // once); asked directly, so that no service's answer time runs on the bucket's clock
        RateLimiter.Decision here = gatewayLimiter.check("sensitive", "127.0.0.1", null).toCompletableFuture().join();
        assertThat(here.allowed()).isTrue();
        assertThat(here.delayedMillis()).as("waited for its token").isGreaterThanOrEqualTo(500);
        // ... and the other replica now has to wait as well: its next token is about a second away, which is the
        // longest a request may be held (max-delay), so it is delayed or refused, never allowed at once
        RateLimiter.Decision next = otherReplica.check("sensitive", "127.0.0.1", null).toCompletableFuture().join();
        assertThat(next.delayedMillis() > 0 || !next.allowed()).as("waited or refused: " + next).isTrue();
    }

    @Test
    void withoutRedisReadsPassAndChangesAreRefused() {
        redisLink.cut();
        try {
            given().when().get("/api/instance").then().statusCode(200);
            track().then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("detail", containsString("rate limiter is unavailable"));
        } finally {
            redisLink.restore();
        }
    }

    private static Response track() {
        return given().contentType("application/json").body("{\"page\":\"/\"}").when().post("/api/track");
    }
}

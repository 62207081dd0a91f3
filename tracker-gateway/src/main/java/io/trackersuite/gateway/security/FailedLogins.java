package io.trackersuite.gateway.security;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;

/**
 * Brute-force protection for credentials the gateway checks itself (API keys, bearer tokens, the OIDC callback):
 * after {@code max-failed-attempts} failures in the window, the client IP (or API key id) is locked out, and each
 * further lock-out in a row doubles the time. Passwords are checked by the OIDC provider, which has its own per-user
 * lock-out (Keycloak: brute-force detection, enabled in the realm file). Shared by replicas through Redis.
 */
@ApplicationScoped
public class FailedLogins {

    private final ReactiveRedisDataSource redis;
    private final SecurityConfig config;

    private final Counter lockOuts;

    public FailedLogins(ReactiveRedisDataSource redis, SecurityConfig config, MeterRegistry metrics) {
        this.redis = redis;
        this.config = config;
        this.lockOuts = Counter.builder("gateway.lockouts")
                .description("Lock-outs started after repeated failed sign-ins or API keys").register(metrics);
    }

    /**
     * The lock-out subject of an API key id used from one client IP: failures are counted per key and source, so
     * whoever guesses at a known key id locks out only themself, never the key's real users elsewhere.
     */
    public static String keySubject(String keyId, String clientIp) {
        return "key:" + keyId + "@" + clientIp;
    }

    /** Seconds the subject (e.g. {@code ip:203.0.113.7}, {@code key:ci@203.0.113.7}) is still locked out; 0 when it is not. */
    public Uni<Long> lockedFor(String subject) {
        return redis.execute(Command.PTTL, "gateway:locked:" + subject)
                .map(ttl -> ttl == null || ttl.toLong() <= 0 ? 0L : Math.max(1, (ttl.toLong() + 999) / 1000));
    }

    /** Counts one failure, without waiting; the failure that reaches the limit starts a lock-out. */
    public void failed(String subject) {
        count(subject).subscribe().with(ok -> {
        }, error -> {
        }); // Redis away: the attempt is not counted, the credentials were refused all the same
    }

    Uni<Void> count(String subject) {
        String counter = "gateway:authfail:" + subject;
        long windowMillis = config.failedAttemptsWindow().toMillis();
        return redis.execute(Command.INCR, counter)
                .call(count -> count.toLong() == 1
                        ? redis.execute(Command.PEXPIRE, counter, Long.toString(windowMillis))
                        : Uni.createFrom().voidItem())
                .chain(count -> count.toLong() >= config.maxFailedAttempts() ? lockOut(subject, counter)
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> lockOut(String subject, String counter) {
        String level = "gateway:lockouts:" + subject;
        return redis.execute(Command.INCR, level)
                .call(n -> redis.execute(Command.PEXPIRE, level, Long.toString(config.maxLockout().toMillis() * 2)))
                .chain(n -> {
                    Duration lockout = lockoutFor(n.toLong());
                    return redis.execute(Command.SET, "gateway:locked:" + subject, "1", "PX",
                            Long.toString(lockout.toMillis()));
                })
                .call(ignored -> redis.execute(Command.DEL, counter))
                .invoke(() -> lockOuts.increment())
                .replaceWithVoid();
    }

    /** 1st lock-out: {@code lockout}; n-th: {@code lockout * 2^(n-1)}, at most {@code max-lockout}. */
    Duration lockoutFor(long nth) {
        Duration lockout = config.lockout().multipliedBy(1L << Math.min(nth - 1, 20));
        return lockout.compareTo(config.maxLockout()) > 0 ? config.maxLockout() : lockout;
    }
}

package io.trackersuite.session.visits;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.trackersuite.events.EventStreamWriter;
import io.trackersuite.events.EventStreams;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.events.VisitEvent;
import io.trackersuite.session.api.Json;

/**
 * Records a visit: rate limit per IP, geolocation and VPN verdict (cached in Redis), duplicate suppression, and the
 * VISIT event on the stream that monitoring-service stores. All state is in Redis, so every instance agrees.
 */
// JSON to Redis (event stream, IP info cache), also in the native image
@RegisterForReflection(targets = VisitTracker.IpInfo.class)
@ApplicationScoped
public class VisitTracker {

    /**
     * What the visitor is told; {@code counted} is false for a duplicate within the window. {@code asn} and
     * {@code asOrganization} name the network (null when unknown), {@code hosting} flags a data-centre network.
     */
    public record TrackedVisit(String id, boolean counted, String ip, String country, String city, boolean vpn,
            boolean hosting, Integer asn, String asOrganization) {

        // The original Node tracker's answer ({success, message, tracked}), kept beside ours for its page scripts.
        @JsonProperty("success")
        public boolean success() {
            return true;
        }

        @JsonProperty("tracked")
        public boolean tracked() {
            return counted;
        }

        @JsonProperty("message")
        public String message() {
            return counted ? "Visit tracked" : "Recent visit exists";
        }
    }

    /** Thrown when the IP is over its limit; {@code retryAfterSeconds} until the window ends. */
    public static final class RateLimitedException extends RuntimeException {
        private final long retryAfterSeconds;

        RateLimitedException(long retryAfterSeconds) {
            super("too many track requests from this address; try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    record IpInfo(String country, String city, boolean vpn, boolean hosting, Integer asn, String asOrganization) {
    }

    private final VisitsConfig config;
    private final GeoLocator geoLocator;
    private final AsnDirectory asnDirectory;
    private final NetworkClassifier networks;
    private final ValueCommands<String, String> values;
    private final ValueCommands<String, Long> counters;
    private final KeyCommands<String> keys;
    private final EventStreamWriter events;
    private final Json json;
    private final Counter cacheHits;
    private final Counter cacheMisses;

    public VisitTracker(VisitsConfig config, GeoLocator geoLocator, AsnDirectory asnDirectory, NetworkClassifier networks,
            RedisDataSource redis, ReactiveRedisDataSource reactiveRedis, ObjectMapper mapper, Json json,
            MeterRegistry metrics) {
        this.config = config;
        this.geoLocator = geoLocator;
        this.asnDirectory = asnDirectory;
        this.networks = networks;
        this.values = redis.value(String.class);
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.events = new EventStreamWriter(reactiveRedis, mapper);
        this.json = json;
        this.cacheHits = metrics.counter("visits.ipinfo.cache", "result", "hit");
        this.cacheMisses = metrics.counter("visits.ipinfo.cache", "result", "miss");
    }

    public TrackedVisit track(String ip, String userAgent, String page) {
        checkRate(ip);
        IpInfo info = ipInfo(ip);
        // SET NX PX GET (Redis 7): one atomic step; no old value means this IP is new within the window
        boolean first = values.setGet("visits:seen:" + ip, "1",
                new SetArgs().nx().px(config.duplicateWindow().toMillis())) == null;
        VisitEvent event = new VisitEvent(TrackerEvent.VERSION, UUID.randomUUID().toString(), Instant.now(), ip,
                info.country(), info.city(), info.vpn(), userAgent, page, !first, info.hosting(), info.asn(),
                info.asOrganization());
        events.appendAndWait(EventStreams.EVENTS, event);
        return new TrackedVisit(event.id(), first, ip, info.country(), info.city(), info.vpn(), info.hosting(),
                info.asn(), info.asOrganization());
    }

    /** Fixed window per IP, counted in Redis: INCR, and the key expires with its window. */
    private void checkRate(String ip) {
        long windowMillis = config.rateLimit().window().toMillis();
        long now = System.currentTimeMillis();
        long windowStart = now - now % windowMillis;
        String key = "visits:rate:" + ip + ":" + windowStart;
        long count = counters.incr(key);
        if (count == 1) {
            // the key names its window, so a missed expiry costs a little memory, never a wrong count
            keys.pexpire(key, windowMillis + 1_000);
        }
        if (count > config.rateLimit().requests()) {
            throw new RateLimitedException(Math.max(1, (windowStart + windowMillis - now + 999) / 1000));
        }
    }

    private IpInfo ipInfo(String ip) {
        // v2: with the network (asn, hosting); verdicts cached before it lacked them and are not read again
        String key = "visits:ipinfo:v2:" + ip;
        String cached = values.get(key);
        if (cached != null) {
            cacheHits.increment();
            return json.read(cached, IpInfo.class);
        }
        cacheMisses.increment();
        GeoLocator.Location location = geoLocator.locate(ip);
        AsnDirectory.AutonomousSystem system = asnDirectory.find(ip);
        NetworkClassifier.Verdict verdict = networks.classify(ip, system);
        IpInfo info = new IpInfo(location.country(), location.city(), verdict.vpn(), verdict.hosting(),
                system == null ? null : system.number(), system == null ? null : system.organisation());
        values.setex(key, config.ipInfoCacheTtl().toSeconds(), json.write(info));
        return info;
    }
}

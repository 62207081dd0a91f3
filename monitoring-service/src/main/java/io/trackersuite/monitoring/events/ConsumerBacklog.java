package io.trackersuite.monitoring.events;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.trackersuite.events.EventStreams;
import io.vertx.mutiny.redis.client.Response;

/**
 * The consumer group's backlog on {@link EventStreams#EVENTS}, as Redis reports it (XINFO GROUPS): entries the group
 * has not read yet ({@code monitoring_events_lag}) and entries read but not acknowledged
 * ({@code monitoring_events_pending}). A backlog that keeps growing means the consumers cannot keep up or are stuck.
 */
// created at start, not at the first scheduled read: the gauges are exported from the first scrape on
@Startup
@ApplicationScoped
public class ConsumerBacklog {

    private static final Logger LOG = Logger.getLogger(ConsumerBacklog.class);

    private final RedisDataSource redis;
    private final EventsConfig config;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();

    public ConsumerBacklog(RedisDataSource redis, EventsConfig config, MeterRegistry metrics) {
        this.redis = redis;
        this.config = config;
        Gauge.builder("monitoring.events.lag", lag, AtomicLong::get)
                .description("Events in the stream the consumer group has not read yet").register(metrics);
        Gauge.builder("monitoring.events.pending", pending, AtomicLong::get)
                .description("Events read by a consumer and not acknowledged yet").register(metrics);
    }

    @Scheduled(every = "${monitoring.events.backlog-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void measure() {
        try {
            // each group's fields by name: Vert.x reads a RESP3 map and a RESP2 name/value array alike
            for (Response group : redis.execute("XINFO", "GROUPS", EventStreams.EVENTS)) {
                if (config.group().equals(String.valueOf(group.get("name")))) {
                    Response groupLag = group.get("lag");
                    // null when Redis cannot tell (entries deleted out of order); the last figure stays
                    if (groupLag != null) {
                        lag.set(groupLag.toLong());
                    }
                    pending.set(group.get("pending").toLong());
                }
            }
        } catch (RuntimeException e) {
            // no stream yet (nothing published), or Redis away: readiness reports the outage
            LOG.debugf("consumer backlog not read: %s", e.getMessage());
        }
    }
}

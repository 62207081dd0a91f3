package io.trackersuite.monitoring.events;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trackersuite.events.ActivityEvent;
import io.trackersuite.events.EventStreams;
import io.trackersuite.events.EventTraceContext;
import io.trackersuite.events.LoginEvent;
import io.trackersuite.events.LogoutEvent;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.monitoring.sessions.SessionChanges;

/**
 * Reads {@link EventStreams#EVENTS} as a member of a consumer group and applies the events to PostgreSQL.
 *
 * <p>Delivery guarantee: an entry is acknowledged only after the transaction that applied it committed (or after
 * it was moved to the dead-letter stream). If PostgreSQL or Redis is away the batch stays pending and is read
 * again from this consumer's pending list once they are back; a replica that died leaves entries that another
 * takes over after {@code claim-idle}. Handling is idempotent, so a redelivery changes nothing.
 *
 * <p>Each entry is handled in a span of the trace that produced the event (the entry's trace context), ended when its
 * batch is acknowledged; a rejected entry's span carries the reason.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final String OWN_PENDING = "0";
    private static final String NEW_ENTRIES = ">";

    private final StreamCommands<String, String, String> streams;
    private final EventsConfig config;
    private final EventValidator validator;
    private final EventStore store;
    private final DeadLetters deadLetters;
    private final SessionChanges sessionChanges;
    private final String consumerName;
    private final MeterRegistry registry;
    private final Counter failedBatches;
    private final Tracer tracer;

    private volatile Thread worker;
    private volatile boolean running;

    public EventConsumer(RedisDataSource redis, EventsConfig config, EventValidator validator, EventStore store,
            DeadLetters deadLetters, SessionChanges sessionChanges, MeterRegistry registry, Tracer tracer) {
        this.streams = redis.stream(String.class);
        this.config = config;
        this.validator = validator;
        this.store = store;
        this.deadLetters = deadLetters;
        this.sessionChanges = sessionChanges;
        this.registry = registry;
        this.tracer = tracer;
        this.consumerName = config.consumer().orElseGet(EventConsumer::hostName);
        this.failedBatches = Counter.builder("monitoring.events.batch.failures")
                .description("Batches that could not be applied and will be retried").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts reading (again): first this consumer's pending entries, then new ones. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "event-consumer");
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops reading after the batch in hand; what it had not acknowledged stays pending for the next start. */
    public synchronized void stop() {
        running = false;
        Thread current = worker;
        if (current != null) {
            try {
                current.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
    }

    private void run() {
        String position = OWN_PENDING;
        Duration backoff = config.retryBackoff();
        long lastClaim = 0;
        LOG.infof("consuming %s as %s/%s", EventStreams.EVENTS, config.group(), consumerName);
        while (running) {
            try {
                ensureGroup();
                if (System.currentTimeMillis() - lastClaim > config.claimIdle().toMillis()) {
                    lastClaim = System.currentTimeMillis();
                    List<StreamMessage<String, String, String>> orphans = streams.xautoclaim(EventStreams.EVENTS,
                            config.group(), consumerName, config.claimIdle(), "0-0", config.batchSize()).getMessages();
                    if (!orphans.isEmpty()) {
                        handle(orphans);
                    }
                }
                List<StreamMessage<String, String, String>> batch = streams.xreadgroup(config.group(), consumerName,
                        Map.of(EventStreams.EVENTS, position), new XReadGroupArgs().count(config.batchSize()).block(config.block()));
                if (batch.isEmpty()) {
                    position = NEW_ENTRIES;
                    continue;
                }
                handle(batch);
                backoff = config.retryBackoff();
            } catch (RuntimeException e) {
                failedBatches.increment();
                LOG.warnf("event batch not applied, will retry in %d ms: %s", backoff.toMillis(), rootMessage(e));
                position = OWN_PENDING;
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.retryBackoff().multipliedBy(10)) > 0
                        ? config.retryBackoff().multipliedBy(10) : backoff.multipliedBy(2);
            }
        }
    }

    private void handle(List<StreamMessage<String, String, String>> batch) {
        Map<StreamMessage<String, String, String>, Span> spans = new LinkedHashMap<>();
        batch.forEach(entry -> spans.put(entry, processing(entry)));
        try {
            List<TrackerEvent> accepted = new ArrayList<>(batch.size());
            List<StreamMessage<String, String, String>> acceptedEntries = new ArrayList<>(batch.size());
            Map<StreamMessage<String, String, String>, String> rejected = new LinkedHashMap<>();
            for (StreamMessage<String, String, String> entry : batch) {
                try {
                    TrackerEvent event = validator.validate(entry.payload().get(EventStreams.FIELD));
                    spans.get(entry).setAttribute("tracker.event.type", type(event));
                    accepted.add(event);
                    acceptedEntries.add(entry);
                } catch (RejectedEventException e) {
                    rejected.put(entry, e.getMessage());
                }
            }
            applyAll(accepted, acceptedEntries, rejected);
            rejected.forEach((entry, reason) -> {
                spans.get(entry).setStatus(StatusCode.ERROR, reason);
                deadLetters.add(entry.id(), entry.payload().get(EventStreams.FIELD), reason);
            });
            streams.xack(EventStreams.EVENTS, config.group(), batch.stream().map(StreamMessage::id).toArray(String[]::new));
            count(accepted);
            if (accepted.stream().anyMatch(e -> e instanceof LoginEvent || e instanceof LogoutEvent || e instanceof ActivityEvent)) {
                sessionChanges.changed();
            }
        } catch (RuntimeException e) {
            spans.values().forEach(span -> span.setStatus(StatusCode.ERROR, "not applied, will be read again"));
            throw e;
        } finally {
            spans.values().forEach(Span::end);
        }
    }

    /** A span for one entry, in the trace of the request that produced the event when the entry carries one. */
    private Span processing(StreamMessage<String, String, String> entry) {
        return tracer.spanBuilder(EventStreams.EVENTS + " process")
                .setParent(EventTraceContext.of(entry.payload()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "redis")
                .setAttribute("messaging.destination.name", EventStreams.EVENTS)
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.message.id", entry.id())
                .startSpan();
    }

    /** One transaction for the batch; if the data (not the database) is at fault, each event alone. */
    private void applyAll(List<TrackerEvent> events, List<StreamMessage<String, String, String>> entries,
            Map<StreamMessage<String, String, String>, String> rejected) {
        if (events.isEmpty()) {
            return;
        }
        try {
            inTransaction(events);
        } catch (RuntimeException batchFailure) {
            if (!isDataError(batchFailure)) {
                throw batchFailure;
            }
            for (int i = 0; i < events.size(); i++) {
                try {
                    inTransaction(List.of(events.get(i)));
                } catch (RuntimeException eventFailure) {
                    if (!isDataError(eventFailure)) {
                        throw eventFailure;
                    }
                    rejected.put(entries.get(i), "refused by the database: " + rootMessage(eventFailure));
                }
            }
        }
    }

    private void inTransaction(List<TrackerEvent> events) {
        QuarkusTransaction.requiringNew().call(() -> {
            store.apply(events);
            return null;
        });
    }

    private void ensureGroup() {
        try {
            // from "0": a group created after producers started still gets every event already in the stream
            streams.xgroupCreate(EventStreams.EVENTS, config.group(), "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private void count(List<TrackerEvent> events) {
        for (TrackerEvent event : events) {
            registry.counter("monitoring.events.applied", "type", type(event)).increment();
        }
    }

    /** LOGIN, VISIT, …: the event's type as the stream names it. */
    private static String type(TrackerEvent event) {
        return event.getClass().getSimpleName().replace("Event", "").toUpperCase(Locale.ROOT);
    }

    /** SQL states 22 (data exception) and 23 (integrity violation) are the event's fault; anything else is an outage. */
    private static boolean isDataError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostName() {
        return Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElse("monitoring-" + ProcessHandle.current().pid());
    }
}

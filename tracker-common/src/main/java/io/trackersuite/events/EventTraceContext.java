package io.trackersuite.events;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) carried beside an event in its stream entry, as
 * HTTP carries it in headers: the consumer's work on the event joins the trace of the request that produced it.
 */
public final class EventTraceContext {

    private static final TextMapGetter<Map<String, String>> ENTRY_FIELDS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> fields) {
            return fields.keySet();
        }

        @Override
        public String get(Map<String, String> fields, String key) {
            return fields == null ? null : fields.get(key);
        }
    };

    private EventTraceContext() {
    }

    /** The entry's fields plus the current trace context, when there is one (outside a trace: the fields alone). */
    public static Map<String, String> withCurrentTrace(Map<String, String> fields) {
        Map<String, String> entry = new HashMap<>(fields);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), entry, Map::put);
        return entry;
    }

    /** The trace context the producer left in the entry; the root context when it left none or garbage. */
    public static Context of(Map<String, String> fields) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), fields, ENTRY_FIELDS);
    }
}

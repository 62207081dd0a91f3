package io.trackersuite.events;

/** Names of the Redis Streams between the services, and of the field that holds the JSON event. */
public final class EventStreams {

    /** LOGIN, ACTIVITY, LOGOUT, TRAFFIC (gateway) and VISIT (session-service); consumed by monitoring-service. */
    public static final String EVENTS = "tracker:events";

    /** Entries of {@link #EVENTS} that could not be handled, with the reason; never re-delivered by themselves. */
    public static final String DEAD_LETTER = "tracker:events:dead-letter";

    /** SESSION_TERMINATED (monitoring-service); read by every gateway replica. */
    public static final String SESSION_CONTROL = "tracker:session-control";

    /** The stream entry field holding the event JSON. */
    public static final String FIELD = "event";

    /** Far more than monitoring-service ever lags behind; keeps Redis memory bounded if it is down for long. */
    public static final long EVENTS_MAX_LENGTH = 1_000_000;

    /** Replicas read it live; a starting one reads back a few hours only. */
    public static final long SESSION_CONTROL_MAX_LENGTH = 10_000;

    /** The length a stream is trimmed to when written ({@link EventStreamWriter}). */
    public static long maxLength(String stream) {
        return switch (stream) {
            case EVENTS -> EVENTS_MAX_LENGTH;
            case SESSION_CONTROL -> SESSION_CONTROL_MAX_LENGTH;
            default -> throw new IllegalArgumentException("no length is set for stream " + stream
                    + "; give one to EventStreamWriter.append");
        };
    }

    private EventStreams() {
    }
}

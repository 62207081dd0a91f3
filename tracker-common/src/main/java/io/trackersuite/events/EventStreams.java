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

    private EventStreams() {
    }
}

package io.trackersuite.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An event between the services, carried as JSON in the {@value EventStreams#FIELD} field of a Redis Stream entry.
 * The {@code type} property names the record; {@code v} is the format version ({@value #VERSION}); {@code id} is
 * unique per event and makes handling idempotent; {@code time} is when it happened, in UTC.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LoginEvent.class, name = "LOGIN"),
        @JsonSubTypes.Type(value = ActivityEvent.class, name = "ACTIVITY"),
        @JsonSubTypes.Type(value = LogoutEvent.class, name = "LOGOUT"),
        @JsonSubTypes.Type(value = VisitEvent.class, name = "VISIT"),
        @JsonSubTypes.Type(value = TrafficEvent.class, name = "TRAFFIC"),
        @JsonSubTypes.Type(value = SessionTerminatedEvent.class, name = "SESSION_TERMINATED")
})
public sealed interface TrackerEvent
        permits LoginEvent, ActivityEvent, LogoutEvent, VisitEvent, TrafficEvent, SessionTerminatedEvent {

    /**
     * Longest User-Agent an event carries: producers cut to it, the consumer checks it, the schema stores it
     * ({@code varchar(512)}).
     */
    int MAX_USER_AGENT_CHARS = 512;


    int VERSION = 1;

    /** Format version; a consumer refuses (dead-letters) versions it does not know. */
    int v();

    /** Unique event id (a UUID), the idempotency key for events that are not keyed by a session. */
    String id();

    Instant time();
}

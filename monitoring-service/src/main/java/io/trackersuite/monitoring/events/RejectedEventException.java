package io.trackersuite.monitoring.events;

/** An event that can never be applied (unparseable, incomplete, impossible); it goes to the dead-letter stream. */
public class RejectedEventException extends Exception {

    public RejectedEventException(String reason) {
        super(reason, null, false, false);
    }
}

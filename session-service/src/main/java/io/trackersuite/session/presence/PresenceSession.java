package io.trackersuite.session.presence;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One connected visitor, as stored in Redis and held in every instance's view.
 *
 * @param id random UUID, also the WebSocket's presence id
 * @param userAgent raw header, cut to {@code presence.max-user-agent-chars}; escape it when rendering
 * @param instance the serving instance as visitors see it (EC2 instance id, else pod or host name)
 * @param replica the serving process (unique even for two processes on one host): owner of the session
 */
@RegisterForReflection // written to and read from Redis as JSON, also in the native image
public record PresenceSession(String id, String ip, String userAgent, String browser, String browserVersion,
        String os, String device, Instant connectedAt, String instance, String replica) {
}

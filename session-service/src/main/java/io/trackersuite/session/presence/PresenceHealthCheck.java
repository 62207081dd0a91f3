package io.trackersuite.session.presence;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of presence: DOWN while Redis is unreachable (existing connections are still served locally). */
@Readiness
@ApplicationScoped
public class PresenceHealthCheck implements HealthCheck {

    private final PresenceSync sync;
    private final PresenceConnections connections;
    private final PresenceView view;
    private final PresenceConfig config;

    public PresenceHealthCheck(PresenceSync sync, PresenceConnections connections, PresenceView view,
            PresenceConfig config) {
        this.sync = sync;
        this.connections = connections;
        this.view = view;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        String degradation = sync.degradation();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Presence")
                .status(degradation == null)
                .withData("connections", connections.openConnections())
                .withData("maxConnections", config.maxConnections())
                .withData("sessionsAllInstances", view.total());
        if (degradation != null) {
            response.withData("degradation", degradation);
        }
        return response.build();
    }
}

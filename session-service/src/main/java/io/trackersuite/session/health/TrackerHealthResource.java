package io.trackersuite.session.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.Startup;
import io.trackersuite.session.presence.PresenceConfig;
import io.trackersuite.session.presence.PresenceConnections;

/**
 * {@code GET /api/health} as the original Node tracker answered it (uptime, memory, Redis status and latency, socket
 * connections against the maximum), for the monitors pointed at it. Orchestrators use {@code /q/health/*}.
 */
@jakarta.ws.rs.Path("/api/health")
@ApplicationScoped
@Startup
public class TrackerHealthResource {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final long startedNanos = System.nanoTime();
    private final RedisDataSource redis;
    private final PresenceConnections connections;
    private final PresenceConfig presence;

    public TrackerHealthResource(RedisDataSource redis, PresenceConnections connections, PresenceConfig presence) {
        this.redis = redis;
        this.connections = connections;
        this.presence = presence;
    }

    public record Health(String status, String message, double uptime, Instant timestamp, Memory memory, Redis redis,
            Connections connections) {
    }

    /** Bytes, as Node's process.memoryUsage(): resident set (null where /proc is not there), heap reserved and used. */
    public record Memory(Long rss, long heapTotal, long heapUsed) {
    }

    /** {@code connected} with the PING round trip in ms, or {@code disconnected}. */
    public record Redis(String status, Long latency) {
    }

    public record Connections(int socket, int max) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The original tracker's health: uptime, memory, Redis, socket connections; 503 while Redis is unreachable")
    public Response health() {
        Redis redisHealth = ping();
        boolean ok = redisHealth.status().equals("connected");
        Runtime runtime = Runtime.getRuntime();
        Health health = new Health(ok ? "OK" : "DEGRADED", ok ? "OK" : "Redis unreachable: serving local connections only",
                (System.nanoTime() - startedNanos) / 1e9, Instant.now(),
                new Memory(residentBytes(), runtime.totalMemory(), runtime.totalMemory() - runtime.freeMemory()),
                redisHealth, new Connections(connections.openConnections(), presence.maxConnections()));
        return Response.status(ok ? 200 : 503).entity(health).build();
    }

    private Redis ping() {
        long start = System.nanoTime();
        try {
            redis.execute("PING");
            return new Redis("connected", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            return new Redis("disconnected", null);
        }
    }

    private static Long residentBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: the figure is left out
        }
        return null;
    }
}

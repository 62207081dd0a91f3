package io.trackersuite.session.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.testing.InjectRedisProxy;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.TcpProxy;

/** The original Node tracker's GET /api/health, as its README documents it, for the monitors pointed at it. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class TrackerHealthResourceTest {

    @InjectRedisProxy
    TcpProxy redisProxy;

    @ConfigProperty(name = "presence.max-connections")
    int maxConnections;

    @AfterEach
    void reconnect() {
        redisProxy.restore();
    }

    @Test
    void answersUptimeMemoryRedisAndConnectionsAsTheOriginalDid() {
        given().when().get("/api/health").then().statusCode(200)
                .body("status", equalTo("OK"))
                .body("uptime", greaterThan(0f))
                .body("timestamp", notNullValue())
                .body("memory.heapUsed", greaterThan(0))
                .body("memory.rss", greaterThan(0))
                .body("redis.status", equalTo("connected"))
                .body("redis.latency", greaterThanOrEqualTo(0))
                .body("connections.socket", greaterThanOrEqualTo(0))
                .body("connections.max", equalTo(maxConnections));
    }

    @Test
    void saysSoWhenRedisIsUnreachable() {
        redisProxy.cut();
        given().when().get("/api/health").then().statusCode(503)
                .body("status", equalTo("DEGRADED"))
                .body("redis.status", equalTo("disconnected"))
                .body("redis.latency", nullValue());
    }
}

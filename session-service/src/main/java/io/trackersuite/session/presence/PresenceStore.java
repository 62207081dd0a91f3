package io.trackersuite.session.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.trackersuite.session.api.Json;

/**
 * Live presence in Redis, shared by every instance: a hash of sessions (id to JSON), a sorted set of last heartbeats
 * (id to epoch ms) that any instance sweeps, and a pub/sub channel that fans joins and leaves out.
 * <p>
 * A join, a leave and a heartbeat are one non-blocking round trip each (a join or leave is a script that writes and
 * publishes), so connects and disconnects run on the event loop. The sweep and the full read run on the scheduler's
 * worker threads and block. Every operation fails when Redis is unreachable; callers decide how to degrade.
 */
@RegisterForReflection(targets = PresenceStore.Change.class) // pub/sub JSON, also in the native image
@ApplicationScoped
public class PresenceStore {

    /** Where the sessions, their heartbeats and the changes channel live in Redis, shared by every instance. */
    static final String SESSIONS = "presence:sessions";
    static final String HEARTBEATS = "presence:heartbeats";
    static final String CHANNEL = "presence:changes";

    // KEYS: sessions, heartbeats; ARGV: id, session JSON, heartbeat ms, channel, change JSON
    private static final String JOIN = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
            redis.call('PUBLISH', ARGV[4], ARGV[5])
            return 1""";
    // KEYS: sessions, heartbeats; ARGV: id, channel, change JSON. Publishes only when something was removed.
    private static final String LEAVE = """
            local removed = redis.call('ZREM', KEYS[2], ARGV[1]) + redis.call('HDEL', KEYS[1], ARGV[1])
            if removed > 0 then redis.call('PUBLISH', ARGV[2], ARGV[3]) end
            return removed""";

    /** A join or leave on the channel; {@code origin} is the publishing replica, which has applied it already. */
    public record Change(String origin, String op, PresenceSession session, String id) {
        static final String JOIN = "join";
        static final String LEAVE = "leave";
    }

    private final ReactiveRedisDataSource reactive;
    private final HashCommands<String, String, String> hash;
    private final SortedSetCommands<String, String> heartbeats;
    private final PubSubCommands<String> channel;
    private final Json json;

    public PresenceStore(RedisDataSource redis, ReactiveRedisDataSource reactive, Json json) {
        this.reactive = reactive;
        this.hash = redis.hash(String.class);
        this.heartbeats = redis.sortedSet(String.class);
        this.channel = redis.pubsub(String.class);
        this.json = json;
    }

    /** Stores the session with its heartbeat and tells the other instances, in one round trip. */
    public Uni<Void> save(PresenceSession session, long heartbeatMillis, String origin) {
        return reactive.execute("EVAL", JOIN, "2", SESSIONS, HEARTBEATS, session.id(), json.write(session),
                Long.toString(heartbeatMillis), CHANNEL,
                json.write(new Change(origin, Change.JOIN, session, session.id())))
                .replaceWithVoid();
    }

    /** Moves the session's heartbeat; a session that is gone (swept) is not brought back. */
    public Uni<Void> heartbeat(String id, long heartbeatMillis) {
        return reactive.execute("ZADD", HEARTBEATS, "XX", Long.toString(heartbeatMillis), id).replaceWithVoid();
    }

    /** Removes the session and tells the other instances; a no-op when it is gone already (e.g. swept). */
    public Uni<Void> remove(String id, String origin) {
        return reactive.execute("EVAL", LEAVE, "2", SESSIONS, HEARTBEATS, id, CHANNEL,
                json.write(new Change(origin, Change.LEAVE, null, id))).replaceWithVoid();
    }

    /** Blocking: writes a session back after an outage (resynchronisation runs on a worker thread). */
    public void restore(PresenceSession session, long heartbeatMillis, String origin) {
        save(session, heartbeatMillis, origin).await().indefinitely();
    }

    /** Blocking: removes a session whose leave was lost (resynchronisation runs on a worker thread). */
    public void discard(String id, String origin) {
        remove(id, origin).await().indefinitely();
    }

    /**
     * Removes every session whose last heartbeat is older than the cutoff, whichever instance served it (a dead
     * instance cannot clean up after itself). Safe to run on every instance at once: only the one whose ZREM wins
     * publishes the leave. Blocking.
     */
    public List<String> sweep(long cutoffMillis, String origin) {
        List<String> removed = new ArrayList<>();
        var expired = new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) cutoffMillis);
        for (String id : heartbeats.zrangebyscore(HEARTBEATS, expired)) {
            if (heartbeats.zrem(HEARTBEATS, id) > 0) {
                hash.hdel(SESSIONS, id);
                channel.publish(CHANNEL, json.write(new Change(origin, Change.LEAVE, null, id)));
                removed.add(id);
            }
        }
        return removed;
    }

    /** Blocking. */
    public Map<String, PresenceSession> readAll() {
        Map<String, PresenceSession> sessions = new HashMap<>();
        hash.hgetall(SESSIONS).forEach((id, value) -> sessions.put(id, json.read(value, PresenceSession.class)));
        return sessions;
    }
}

package io.trackersuite.session.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.trackersuite.session.api.Json;

/**
 * Live presence in Redis, shared by every instance: a hash of sessions (id to JSON), a sorted set of last heartbeats
 * (id to epoch ms) that any instance sweeps, and a pub/sub channel that fans joins and leaves out. Blocking calls:
 * use from worker threads. Every method throws when Redis is unreachable; callers decide how to degrade.
 */
@RegisterForReflection(targets = PresenceStore.Change.class) // pub/sub JSON, also in the native image
@ApplicationScoped
public class PresenceStore {

    static final String SESSIONS = "presence:sessions";
    static final String HEARTBEATS = "presence:heartbeats";
    static final String CHANNEL = "presence:changes";

    /** A join or leave on the channel; {@code origin} is the publishing replica, which has applied it already. */
    public record Change(String origin, String op, PresenceSession session, String id) {
        static final String JOIN = "join";
        static final String LEAVE = "leave";
    }

    private final HashCommands<String, String, String> hash;
    private final SortedSetCommands<String, String> heartbeats;
    private final PubSubCommands<String> channel;
    private final Json json;

    public PresenceStore(RedisDataSource redis, Json json) {
        this.hash = redis.hash(String.class);
        this.heartbeats = redis.sortedSet(String.class);
        this.channel = redis.pubsub(String.class);
        this.json = json;
    }

    public void save(PresenceSession session, long heartbeatMillis, String origin) {
        hash.hset(SESSIONS, session.id(), json.write(session));
        heartbeats.zadd(HEARTBEATS, heartbeatMillis, session.id());
        channel.publish(CHANNEL, json.write(new Change(origin, Change.JOIN, session, session.id())));
    }

    public void heartbeat(String id, long heartbeatMillis) {
        heartbeats.zadd(HEARTBEATS, heartbeatMillis, id);
    }

    /** Removes the session and tells the other instances; a no-op when it is gone already (e.g. swept). */
    public boolean remove(String id, String origin) {
        boolean removed = heartbeats.zrem(HEARTBEATS, id) > 0;
        removed |= hash.hdel(SESSIONS, id) > 0;
        if (removed) {
            channel.publish(CHANNEL, json.write(new Change(origin, Change.LEAVE, null, id)));
        }
        return removed;
    }

    /**
     * Removes every session whose last heartbeat is older than the cutoff, whichever instance served it (a dead
     * instance cannot clean up after itself). Safe to run on every instance at once: only the one whose ZREM wins
     * publishes the leave.
     */
    public List<String> sweep(long cutoffMillis, String origin) {
        List<String> removed = new ArrayList<>();
        for (String id : heartbeats.zrangebyscore(HEARTBEATS, new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) cutoffMillis))) {
            if (heartbeats.zrem(HEARTBEATS, id) > 0) {
                hash.hdel(SESSIONS, id);
                channel.publish(CHANNEL, json.write(new Change(origin, Change.LEAVE, null, id)));
                removed.add(id);
            }
        }
        return removed;
    }

    public Map<String, PresenceSession> readAll() {
        Map<String, PresenceSession> sessions = new HashMap<>();
        hash.hgetall(SESSIONS).forEach((id, value) -> sessions.put(id, json.read(value, PresenceSession.class)));
        return sessions;
    }
}

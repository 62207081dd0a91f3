package io.trackersuite.monitoring.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trackersuite.events.ActivityEvent;
import io.trackersuite.events.EventStreams;
import io.trackersuite.events.LoginEvent;
import io.trackersuite.events.LogoutEvent;
import io.trackersuite.events.SessionTerminatedEvent;
import io.trackersuite.events.TrackerEvent;
import io.trackersuite.events.TrafficEvent;
import io.trackersuite.events.VisitEvent;
import io.trackersuite.monitoring.sessions.SessionsConfig;
import io.trackersuite.useragent.UserAgentParser;

/**
 * Turns a stream entry into an event that is safe to apply, or says why it never will be: the checks a producer
 * bug or a forged entry must not get past (missing fields, unknown roles, clocks in the future, oversized text).
 */
// events are read with Jackson from the stream: the native image must keep every event record
@ApplicationScoped
public class EventValidator {

    private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]{2,45}$");
    private static final Pattern ROUTE_GROUP = Pattern.compile("^[a-z0-9_-]{1,40}$");
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final int MAX_ID = 128;

    private final ObjectMapper json;
    private final SessionsConfig sessions;
    private final EventsConfig events;

    public EventValidator(ObjectMapper json, SessionsConfig sessions, EventsConfig events) {
        this.json = json;
        this.sessions = sessions;
        this.events = events;
    }

    public TrackerEvent validate(String raw) throws RejectedEventException {
        if (raw == null || raw.isBlank()) {
            throw new RejectedEventException("entry has no '" + EventStreams.FIELD + "' field");
        }
        TrackerEvent event;
        try {
            event = json.readValue(raw, TrackerEvent.class);
        } catch (JsonProcessingException e) {
            throw new RejectedEventException("not a valid event: " + e.getOriginalMessage());
        }
        if (event.v() != TrackerEvent.VERSION) {
            throw new RejectedEventException("unsupported version v=" + event.v() + " (expected " + TrackerEvent.VERSION + ")");
        }
        required("id", event.id(), MAX_ID);
        checkTime(event.time());
        // Java 17: no pattern matching for switch yet
        if (event instanceof LoginEvent login) {
            return login(login);
        }
        if (event instanceof ActivityEvent activity) {
            return new ActivityEvent(activity.v(), activity.id(), activity.time(), required("sessionId", activity.sessionId(), MAX_ID));
        }
        if (event instanceof LogoutEvent logout) {
            return new LogoutEvent(logout.v(), logout.id(), logout.time(), required("sessionId", logout.sessionId(), MAX_ID));
        }
        if (event instanceof VisitEvent visit) {
            return visit(visit);
        }
        if (event instanceof TrafficEvent traffic) {
            return traffic(traffic);
        }
        throw new RejectedEventException(typeName(event) + " does not belong on this stream");
    }

    private static String typeName(TrackerEvent event) {
        return event instanceof SessionTerminatedEvent ? "SESSION_TERMINATED" : event.getClass().getSimpleName();
    }

    /** The primary role of a validated login: the first configured role the user has. */
    public String primaryRole(List<String> roles) {
        return sessions.roles().stream().filter(roles::contains).findFirst().orElseThrow();
    }

    private LoginEvent login(LoginEvent login) throws RejectedEventException {
        if (login.roles() == null || login.roles().isEmpty()) {
            throw new RejectedEventException("missing field 'roles'");
        }
        List<String> known = new ArrayList<>();
        for (String role : login.roles()) {
            String normalised = role == null ? "" : role.trim().toLowerCase(Locale.ROOT);
            if (sessions.roles().contains(normalised) && !known.contains(normalised)) {
                known.add(normalised);
            }
        }
        if (known.isEmpty()) {
            throw new RejectedEventException("no known role in 'roles' (known: " + String.join(", ", sessions.roles()) + ")");
        }
        return new LoginEvent(login.v(), login.id(), login.time(),
                required("sessionId", login.sessionId(), MAX_ID),
                required("userId", login.userId(), MAX_ID),
                required("username", login.username(), MAX_ID),
                known, optionalIp(login.ip()), userAgent(login.userAgent()));
    }

    private VisitEvent visit(VisitEvent visit) throws RejectedEventException {
        String ip = optionalIp(visit.ip());
        if (ip == null) {
            throw new RejectedEventException("missing field 'ip'");
        }
        String country = visit.country() == null ? null : visit.country().toUpperCase(Locale.ROOT);
        if (country != null && !COUNTRY.matcher(country).matches()) {
            throw new RejectedEventException("'country' must be an ISO 3166-1 alpha-2 code");
        }
        if (visit.asn() != null && visit.asn() <= 0) {
            throw new RejectedEventException("'asn' must be a positive AS number");
        }
        return new VisitEvent(visit.v(), visit.id(), visit.time(), ip, country, truncate(visit.city(), 128), visit.vpn(),
                userAgent(visit.userAgent()), truncate(visit.page(), VisitEvent.MAX_PAGE_CHARS), visit.duplicate(),
                visit.hosting(), visit.asn(), truncate(visit.asOrganization(), 256));
    }

    private TrafficEvent traffic(TrafficEvent traffic) throws RejectedEventException {
        if (traffic.routes() == null || traffic.routes().isEmpty()) {
            throw new RejectedEventException("missing field 'routes'");
        }
        int buckets = TrafficEvent.LATENCY_BUCKETS_MS.size() + 1;
        for (TrafficEvent.RouteTraffic route : traffic.routes()) {
            if (route.routeGroup() == null || !ROUTE_GROUP.matcher(route.routeGroup()).matches()) {
                throw new RejectedEventException("'routeGroup' must match " + ROUTE_GROUP.pattern());
            }
            if (route.requests() < 0 || route.errors() < 0 || route.errors() > route.requests() || route.latencySumMs() < 0) {
                throw new RejectedEventException("impossible counts for route group " + route.routeGroup());
            }
            if (route.latencyBuckets() == null || route.latencyBuckets().size() != buckets
                    || route.latencyBuckets().stream().anyMatch(count -> count == null || count < 0)) {
                throw new RejectedEventException("'latencyBuckets' must hold " + buckets + " non-negative counts");
            }
        }
        return traffic;
    }

    private void checkTime(Instant time) throws RejectedEventException {
        if (time == null) {
            throw new RejectedEventException("missing field 'time'");
        }
        if (time.isAfter(Instant.now().plus(events.maxClockSkew()))) {
            throw new RejectedEventException("'time' " + time + " is in the future (producer clock ahead by more than "
                    + events.maxClockSkew() + ")");
        }
    }

    private static String required(String field, String value, int maxLength) throws RejectedEventException {
        if (value == null || value.isBlank()) {
            throw new RejectedEventException("missing field '" + field + "'");
        }
        if (value.length() > maxLength) {
            throw new RejectedEventException("'" + field + "' is longer than " + maxLength + " characters");
        }
        return value.trim();
    }

    private static String optionalIp(String ip) throws RejectedEventException {
        if (ip == null || ip.isBlank()) {
            return null;
        }
        String trimmed = ip.trim();
        // IPv6 literals always contain a colon; both patterns refuse host names, so nothing is ever looked up.
        if (IPV4.matcher(trimmed).matches() || (trimmed.contains(":") && IPV6.matcher(trimmed).matches())) {
            return trimmed;
        }
        throw new RejectedEventException("'ip' is not an IPv4 or IPv6 address");
    }

    private String userAgent(String userAgent) {
        return UserAgentParser.clean(userAgent, TrackerEvent.MAX_USER_AGENT_CHARS);
    }

    private static String truncate(String value, int maxLength) {
        return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
    }
}

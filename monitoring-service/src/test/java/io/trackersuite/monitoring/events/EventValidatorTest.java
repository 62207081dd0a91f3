package io.trackersuite.monitoring.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.trackersuite.events.LoginEvent;
import io.trackersuite.events.VisitEvent;
import io.trackersuite.monitoring.sessions.SessionsConfig;
import io.trackersuite.testing.ConfigValues;

/** What monitoring-service accepts from the stream and what it refuses, without Redis or PostgreSQL. */
@Tag("unit")
class EventValidatorTest {

    private final EventValidator validator = new EventValidator(new ObjectMapper().registerModule(new JavaTimeModule()),
            ConfigValues.of(SessionsConfig.class, Map.of("roles", List.of("admin", "operator", "student"))),
            ConfigValues.of(EventsConfig.class, Map.of("maxClockSkew", Duration.ofMinutes(1))));

    @Test
    void aLoginKeepsOnlyKnownRolesNormalised() throws Exception {
        LoginEvent login = (LoginEvent) validator.validate(event("LOGIN",
                "\"sessionId\":\"s1\",\"userId\":\"u1\",\"username\":\"ann\",\"roles\":[\" Admin \",\"offline_access\"],"
                        + "\"ip\":\"203.0.113.9\",\"userAgent\":\"curl/8\""));
        assertThat(login.roles()).containsExactly("admin");
        assertThat(validator.primaryRole(login.roles())).isEqualTo("admin");
    }

    @Test
    void aVisitKeepsTheWholePageTheProducerAcceptedAndUpperCasesTheCountry() throws Exception {
        String page = "/" + "p".repeat(VisitEvent.MAX_PAGE_CHARS - 1);
        VisitEvent visit = (VisitEvent) validator.validate(event("VISIT",
                "\"ip\":\"2001:db8::7\",\"country\":\"de\",\"city\":\"Berlin\",\"vpn\":false,\"page\":\"" + page
                        + "\",\"duplicate\":false"));
        assertThat(visit.page()).isEqualTo(page);
        assertThat(visit.country()).isEqualTo("DE");
    }

    @Test
    void refusalsNameWhatIsWrong() {
        assertThatThrownBy(() -> validator.validate(event("LOGIN",
                "\"sessionId\":\"s1\",\"userId\":\"u1\",\"username\":\"ann\",\"roles\":[\"pirate\"]")))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("no known role");
        assertThatThrownBy(() -> validator.validate(event("VISIT", "\"ip\":\"999.1.1.1\"")))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("'ip'");
        assertThatThrownBy(() -> validator.validate("{\"type\":\"ACTIVITY\",\"v\":1,\"id\":\"e1\",\"time\":\""
                + Instant.now().plus(Duration.ofHours(1)) + "\",\"sessionId\":\"s1\"}"))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("in the future");
        assertThatThrownBy(() -> validator.validate("{\"type\":\"ACTIVITY\",\"v\":2,\"id\":\"e1\"}"))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("unsupported version");
        assertThatThrownBy(() -> validator.validate("not json"))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("not a valid event");
    }

    private static String event(String type, String fields) {
        return "{\"type\":\"" + type + "\",\"v\":1,\"id\":\"e-" + type + "\",\"time\":\"" + Instant.now() + "\","
                + fields + "}";
    }
}

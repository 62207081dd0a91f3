package io.trackersuite.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The documented wire form of the events (README, "Events between services") is what the records read and write. */
@Tag("unit")
class TrackerEventJsonTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void readsTheDocumentedLoginEvent() throws Exception {
        TrackerEvent event = json.readValue("""
                {"type":"LOGIN","v":1,"id":"6f1c1d7e-3b0a-4a53-9a52-0c6f3f0c2a10","time":"2026-11-24T09:15:00Z",
                 "sessionId":"s-42","userId":"u-7","username":"alice","roles":["teacher"],
                 "ip":"203.0.113.9","userAgent":"Mozilla/5.0"}
                """, TrackerEvent.class);

        assertEquals(new LoginEvent(1, "6f1c1d7e-3b0a-4a53-9a52-0c6f3f0c2a10", Instant.parse("2026-11-24T09:15:00Z"),
                "s-42", "u-7", "alice", List.of("teacher"), "203.0.113.9", "Mozilla/5.0"), event);
    }

    @Test
    void writesTheTypeNameBesideTheFields() throws Exception {
        String written = json.writeValueAsString(new LogoutEvent(1, "e-1", Instant.parse("2026-11-24T09:20:00Z"), "s-42"));

        TrackerEvent back = json.readValue(written, TrackerEvent.class);
        assertEquals("LOGOUT", json.readTree(written).get("type").asText());
        assertEquals(new LogoutEvent(1, "e-1", Instant.parse("2026-11-24T09:20:00Z"), "s-42"), back);
    }

    @Test
    void refusesAnUnknownType() {
        assertThrows(InvalidTypeIdException.class,
                () -> json.readValue("{\"type\":\"DELETE_ALL\",\"v\":1,\"id\":\"x\"}", TrackerEvent.class));
    }
}

package io.trackersuite.scanner.actions;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an operator can do to a resource; {@code delete} is terminate for instances and release for addresses. */
public enum Action {
    STOP, START, DELETE;

    @JsonValue
    public String id() {
        return name().toLowerCase();
    }

    public static Optional<Action> parse(String id) {
        return Arrays.stream(values()).filter(a -> a.id().equalsIgnoreCase(id)
                || (a == DELETE && ("terminate".equalsIgnoreCase(id) || "release".equalsIgnoreCase(id))))
                .findFirst();
    }
}

package io.trackersuite.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

@Tag("unit")
class QueryParametersTest {

    @Test
    void wholeNumbersAreBoundedAndNamed() {
        assertThat(QueryParameters.integer("limit", null, 20, 1, 50)).isEqualTo(20);
        assertThat(QueryParameters.integer("limit", " 7 ", 20, 1, 50)).isEqualTo(7);
        assertRefused(() -> QueryParameters.integer("limit", "51", 20, 1, 50), "limit",
                "'limit' must be between 1 and 50");
        // beyond int range is still a whole number: the bounds are what the caller needs to hear
        assertRefused(() -> QueryParameters.integer("limit", "99999999999", 20, 1, 50), "limit",
                "'limit' must be between 1 and 50");
        assertRefused(() -> QueryParameters.integer("limit", "1e3", 20, 1, 50), "limit",
                "'limit' must be a whole number");
    }

    @Test
    void textWithControlCharactersIsRefusedNotTrimmed() {
        assertThat(QueryParameters.text("user", " ada ", 10)).isEqualTo("ada");
        assertRefused(() -> QueryParameters.text("ip", "1.2.3.4\u0000", 45), "ip",
                "'ip' must not contain control characters");
        assertRefused(() -> QueryParameters.text("user", "a\tb", 10), "user",
                "'user' must not contain control characters");
        assertRefused(() -> QueryParameters.text("user", "a".repeat(11), 10), "user",
                "'user' is longer than 10 characters");
    }

    private static void assertRefused(Executable call, String parameter, String detail) {
        InvalidParameterException refused = catchThrowableOfType(call::execute, InvalidParameterException.class);
        assertThat(refused).as("refused").isNotNull().hasMessage(detail);
        assertThat(refused.parameter()).isEqualTo(parameter);
    }
}

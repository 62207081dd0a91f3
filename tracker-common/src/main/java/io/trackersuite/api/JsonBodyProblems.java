package io.trackersuite.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The problem for a request body Jackson could not bind: malformed JSON, an unknown field, or a value of the wrong
 * type. It names the field by its path ({@code filters.regoin}, {@code items[2].action}) and never echoes the value,
 * which may be a secret.
 */
public final class JsonBodyProblems {

    private static final String DUPLICATE = "Duplicate field '";

    private JsonBodyProblems() {
    }

    public static Problem of(JsonProcessingException e) {
        String field = null;
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
        }
        String duplicate = duplicateField(e);
        if (duplicate != null) {
            return new Problem("about:blank", "Invalid request", 400,
                    "field '" + duplicate + "' is given more than once", duplicate);
        }
        String detail = field == null ? "the request body is not valid JSON"
                : e instanceof UnrecognizedPropertyException ? "unknown field '" + field + "'"
                        : "field '" + field + "' has the wrong type";
        return new Problem("about:blank", "Invalid request", 400, detail, field);
    }

    /** The name Jackson's duplicate detection ({@link StrictJson}) reports, cut to a length fit to show. */
    private static String duplicateField(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (!(e instanceof JsonParseException) || message == null || !message.startsWith(DUPLICATE)
                || !message.endsWith("'")) {
            return null;
        }
        String name = message.substring(DUPLICATE.length(), message.length() - 1);
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}

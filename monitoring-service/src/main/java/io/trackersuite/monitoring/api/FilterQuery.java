package io.trackersuite.monitoring.api;

import java.util.HashMap;
import java.util.Map;

/**
 * A Panache query of optional filters, newest first with keyset pagination. Values only ever travel as named bind
 * parameters; the clauses are fixed strings of the calling repository.
 */
public final class FilterQuery {

    private final StringBuilder query;
    private final Map<String, Object> parameters = new HashMap<>();
    private final String timeField;

    public FilterQuery(String base, String timeField) {
        this.query = new StringBuilder(base);
        this.timeField = timeField;
    }

    /** Adds {@code and <clause>} binding {@code :name} to the value, unless the value is null (no filter). */
    public FilterQuery and(String clause, String name, Object value) {
        if (value != null) {
            query.append(" and ").append(clause);
            parameters.put(name, value);
        }
        return this;
    }

    /** Keeps what comes strictly after the cursor in (time desc, id desc) order. */
    public FilterQuery after(Cursor cursor) {
        if (cursor != null) {
            query.append(" and (").append(timeField).append(" < :afterTime or (").append(timeField)
                    .append(" = :afterTime and id < :afterId))");
            parameters.put("afterTime", cursor.time());
            parameters.put("afterId", cursor.id());
        }
        return this;
    }

    public String newestFirst() {
        return query + " order by " + timeField + " desc, id desc";
    }

    public Map<String, Object> parameters() {
        return parameters;
    }
}

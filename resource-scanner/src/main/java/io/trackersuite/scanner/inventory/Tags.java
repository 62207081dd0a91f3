package io.trackersuite.scanner.inventory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Every AWS service spells its tag type differently; this turns any of them into a plain map. */
public final class Tags {

    private Tags() {
    }

    public static <T> Map<String, String> of(Collection<T> tags, Function<T, String> key, Function<T, String> value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> map.put(key.apply(t), value.apply(t) == null ? "" : value.apply(t)));
        }
        return map;
    }
}

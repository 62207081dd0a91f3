package io.trackersuite.gateway.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which route serves a path, looked up once per request: an exact path before any prefix, a longer prefix before a
 * shorter one, and on a tie the route configured first. A pattern ending in {@code /} is a prefix that also serves
 * the path without its slash ({@code /api/sessions/} serves {@code /api/sessions}); {@code /} alone is the exact root.
 */
final class RouteTable<T> {

    private record Prefix<T>(String pattern, String bare, T target) {
    }

    private final Map<String, T> exact = new HashMap<>();
    private final List<Prefix<T>> prefixes = new ArrayList<>();

    /** Adds a route's patterns; earlier routes win ties. */
    void add(List<String> patterns, T target) {
        for (String pattern : patterns) {
            if (pattern.endsWith("/") && pattern.length() > 1) {
                prefixes.add(new Prefix<>(pattern, pattern.substring(0, pattern.length() - 1), target));
            } else {
                exact.putIfAbsent(pattern, target);
            }
        }
        // stable: among prefixes of one length the first added stays first
        prefixes.sort(Comparator.comparingInt((Prefix<T> prefix) -> prefix.pattern().length()).reversed());
    }

    /** The route serving the path, or null. */
    T find(String path) {
        T hit = exact.get(path);
        if (hit != null) {
            return hit;
        }
        for (Prefix<T> prefix : prefixes) {
            if (path.startsWith(prefix.pattern()) || path.equals(prefix.bare())) {
                return prefix.target();
            }
        }
        return null;
    }
}

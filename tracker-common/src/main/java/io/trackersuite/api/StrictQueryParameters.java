package io.trackersuite.api;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Query parameters bind as strictly as JSON bodies: a parameter the endpoint does not declare ({@code ?regoin=} for
 * {@code ?region=}) is a 400 naming it and listing the known ones, never silently ignored, since ignoring it answers
 * an unfiltered query as if it were the filtered one. For the same reason a single-valued parameter given twice
 * ({@code ?minutes=5&minutes=60}) is a 400: JAX-RS would bind the first and drop the other. Parameters bound to a
 * collection ({@code ?region=a&region=b}) may repeat.
 */
public class StrictQueryParameters {

    private final Map<Method, Declared> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public Response refuseUnknown(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        if (method == null || query == null || query.isEmpty()) {
            return null;
        }
        Declared parameters = declared.computeIfAbsent(method, Declared::of);
        Set<String> seen = new HashSet<>();
        // split on '&' only, as the parameters are bound: "?ip=a;b" is one parameter whose value has a ';'
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name.isEmpty()) {
                continue;
            }
            if (!parameters.known().contains(name)) {
                return refuse(name, "unknown query parameter; this endpoint takes "
                        + (parameters.known().isEmpty() ? "none" : parameters.known()));
            }
            if (!seen.add(name) && !parameters.repeatable().contains(name)) {
                return refuse(name, "'" + name + "' is given more than once");
            }
        }
        return null;
    }

    private static Response refuse(String name, String detail) {
        return ProblemMappers.problem(new Problem("about:blank", "Invalid request", 400, detail,
                name.length() > 64 ? name.substring(0, 64) : name));
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a malformed escape is left for the parameter's own validation
        }
    }

    /** The query parameters a resource method binds, and those it binds to a collection or array. */
    private record Declared(Set<String> known, Set<String> repeatable) {

        static Declared of(Method method) {
            Set<String> known = new TreeSet<>();
            Set<String> repeatable = new HashSet<>();
            for (Parameter parameter : method.getParameters()) {
                QueryParam query = parameter.getAnnotation(QueryParam.class);
                if (query == null) {
                    continue;
                }
                known.add(query.value());
                if (Collection.class.isAssignableFrom(parameter.getType()) || parameter.getType().isArray()) {
                    repeatable.add(query.value());
                }
            }
            return new Declared(known, repeatable);
        }
    }
}

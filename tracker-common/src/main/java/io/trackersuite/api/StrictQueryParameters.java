package io.trackersuite.api;

import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Query parameters bind as strictly as JSON bodies: a parameter the endpoint does not declare ({@code ?regoin=} for
 * {@code ?region=}) is a 400 naming it and listing the known ones, never silently ignored, since ignoring it answers
 * an unfiltered query as if it were the filtered one.
 */
public class StrictQueryParameters {

    private final Map<Method, Set<String>> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public Response refuseUnknown(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        if (method == null || query == null || query.isEmpty()) {
            return null;
        }
        Set<String> known = declared.computeIfAbsent(method, StrictQueryParameters::queryParameters);
        // split on '&' only, as the parameters are bound: "?ip=a;b" is one parameter whose value has a ';'
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (!name.isEmpty() && !known.contains(name)) {
                return ProblemMappers.problem(new Problem("about:blank", "Invalid request", 400,
                        "unknown query parameter; this endpoint takes " + (known.isEmpty() ? "none" : known),
                        name.length() > 64 ? name.substring(0, 64) : name));
            }
        }
        return null;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a malformed escape is left for the parameter's own validation
        }
    }

    private static Set<String> queryParameters(Method method) {
        return Arrays.stream(method.getParameters()).map(p -> p.getAnnotation(QueryParam.class))
                .filter(q -> q != null).map(QueryParam::value).collect(Collectors.toCollection(TreeSet::new));
    }
}

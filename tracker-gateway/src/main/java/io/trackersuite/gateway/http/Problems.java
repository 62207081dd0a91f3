package io.trackersuite.gateway.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.trackersuite.api.Problem;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes the gateway's own errors (never a stack trace, never upstream data): RFC 9457 problem bodies for API
 * clients, and the same problem as a readable page (templates/problem.html, escaped by Qute) for a browser's page
 * load. Also answers paths nothing serves, instead of the HTTP layer's bare "Resource not found", and turns the
 * problems of the gateway's own REST endpoints (a bad query parameter on {@code /signed-out}) into the page too.
 */
@Singleton
public class Problems {

    private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("utf-8");

    private final Template page;

    public Problems(@Location("problem.html") Template page) {
        this.page = page;
    }

    void register(@Observes Router router) {
        router.errorHandler(404, rc -> send(rc, 404, "Not Found", "Nothing is served at this address."));
    }

    @ServerResponseFilter
    public void pageForBrowsers(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem
                && ClientRequest.wantsHtml(request.getMethod(), request.getHeaderString(HttpHeaders.ACCEPT))) {
            response.setEntity(page.data("problem", problem).render(), null, HTML);
        }
    }

    public void send(RoutingContext rc, int status, String title, String detail) {
        if (rc.response().ended()) {
            return;
        }
        if (rc.response().headWritten()) {
            rc.response().reset(); // a half-sent upstream response cannot be turned into a problem: cut it
            return;
        }
        Problem problem = Problem.of(status, title, detail);
        rc.response().setStatusCode(status).putHeader("Cache-Control", "no-store");
        if (ClientRequest.wantsHtml(rc)) {
            rc.response().putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(page.data("problem", problem).render());
        } else {
            rc.response().putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
        }
    }
}

package io.trackersuite.session.qr;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.trackersuite.api.QueryParameters;

/**
 * The QR code of the tracker page. The URL is the configured public URL only: never the Host or X-Forwarded-Host
 * of the request, which anyone can set to point phones elsewhere.
 */
@Path("/api/qr")
public class QrCodeResource {

    static final int MIN_SIZE = 64;
    static final int MAX_SIZE = 1024;
    private static final List<String> FORMATS = List.of("png", "svg");

    private final String publicUrl;
    private final byte[] defaultPng;

    public QrCodeResource(PublicSiteConfig site) {
        this.publicUrl = site.publicUrl().toString();
        this.defaultPng = QrCodes.png(this.publicUrl, 256);
    }

    @GET
    @Produces({ "image/png", "image/svg+xml" })
    @Operation(summary = "QR code of the tracker page URL, as PNG (default) or SVG (format=svg)")
    public Response qr(@QueryParam("format") @DefaultValue("png") String format,
            @QueryParam("size") @DefaultValue("256") String size) {
        int pixels = QueryParameters.integer("size", size, 256, MIN_SIZE, MAX_SIZE);
        Response.ResponseBuilder response = "svg".equals(QueryParameters.oneOf("format", format, FORMATS))
                ? Response.ok(QrCodes.svg(publicUrl, pixels), "image/svg+xml")
                : Response.ok(pixels == 256 ? defaultPng : QrCodes.png(publicUrl, pixels), "image/png");
        return response.header("Cache-Control", "public, max-age=3600").build();
    }
}

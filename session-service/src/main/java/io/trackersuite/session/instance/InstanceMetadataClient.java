package io.trackersuite.session.instance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * Reads the EC2 instance metadata service: IMDSv2 first (PUT a session token, then GET with it), IMDSv1 (plain GET)
 * when the token call fails, e.g. because a container is one hop too far for the token's default hop limit.
 * Every call has a short timeout: off EC2 nothing answers and startup must not wait.
 */
public class InstanceMetadataClient {

    private static final Logger LOG = Logger.getLogger(InstanceMetadataClient.class);
    static final String TOKEN_TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;

    public InstanceMetadataClient(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The instance's metadata, or empty when no metadata service answers. */
    public Optional<InstanceInfo> read(String host) {
        String token = token();
        String version = token == null ? "IMDSv1" : "IMDSv2";
        String instanceId = get("instance-id", token);
        if (instanceId == null) {
            return Optional.empty();
        }
        String mac = get("mac", token);
        String vpcId = mac == null ? null : get("network/interfaces/macs/" + mac + "/vpc-id", token);
        return Optional.of(new InstanceInfo(true, version, instanceId, get("instance-type", token),
                get("placement/region", token), get("placement/availability-zone", token), vpcId,
                get("public-ipv4", token), host));
    }

    private String token() {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/latest/api/token"))
                .timeout(timeout)
                .header(TOKEN_TTL_HEADER, "21600")
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build();
        return send(request);
    }

    private String get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/latest/meta-data/" + path))
                .timeout(timeout)
                .GET();
        if (token != null) {
            request.header(TOKEN_HEADER, token);
        }
        return send(request.build());
    }

    /** The body of a 200 answer; null for anything else (404 for absent keys such as public-ipv4). */
    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && !response.body().isBlank() && response.body().length() <= 1024) {
                return response.body().trim();
            }
            LOG.debugf("instance metadata %s %s: HTTP %d", request.method(), request.uri().getPath(),
                    response.statusCode());
            return null;
        } catch (IOException e) {
            LOG.debugf("instance metadata %s %s: %s", request.method(), request.uri().getPath(), e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

package io.trackersuite.scanner.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the scanner reaches AWS (or any AWS-compatible endpoint such as LocalStack or moto). */
@ConfigMapping(prefix = "scanner.aws")
public interface AwsConfig {

    /** One endpoint for every service and region instead of the real AWS ones; S3 then uses path-style URLs. */
    Optional<URI> endpointOverride();

    /** Region for the account-wide calls: DescribeRegions, IAM, the S3 bucket list, STS. */
    @WithDefault("us-east-1")
    String homeRegion();

    @WithDefault("3s")
    Duration connectTimeout();

    /** One HTTP attempt; a slow attempt is retried like a throttled one. */
    @WithDefault("15s")
    Duration callAttemptTimeout();

    /** A whole call, retries and back-off included. */
    @WithDefault("60s")
    Duration callTimeout();

    /** Attempts per call in the SDK's standard retry mode (exponential back-off with jitter, throttling aware). */
    @WithDefault("5")
    int maxAttempts();

    /** Pooled HTTP connections shared by all clients; at least the largest max_workers. */
    @WithDefault("128")
    int maxConnections();
}

package io.trackersuite.scanner.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import io.trackersuite.scanner.families.ResourceTypes;

/**
 * Builds the SDK clients: one shared pooled HTTP client, the standard retry mode, call and attempt timeouts, and the
 * optional endpoint override (path-style S3) that points the whole scanner at an AWS-compatible endpoint.
 */
@ApplicationScoped
public class AwsClients {

    /** The clients the scanner itself calls, beside those of the resource families. */
    private static final List<AwsService<?>> CORE = List.of(
            AwsService.of(StsClient.class, StsClient::builder),
            AwsService.of(Ec2Client.class, Ec2Client::builder),
            AwsService.of(ResourceGroupsTaggingApiClient.class, ResourceGroupsTaggingApiClient::builder));

    private final Map<Class<?>, Supplier<? extends AwsClientBuilder<?, ?>>> builders = new HashMap<>();
    private final AwsConfig config;
    private final SdkHttpClient http;
    /**
     * The timers of every client's call timeouts. Left to itself the SDK gives each client a pool of its own: a scan
     * builds a client per service and region (300+), and those pools held 700 threads and 77 MB of stacks (NMT).
     */
    private final ScheduledExecutorService timeouts = callTimeoutTimers();
    private final AwsAccess defaultAccess;

    public AwsClients(AwsConfig config, ResourceTypes types) {
        this.config = config;
        Stream.concat(CORE.stream(), types.clients().stream())
                .forEach(service -> builders.putIfAbsent(service.type(), service.builder()));
        this.http = ApacheHttpClient.builder()
                .maxConnections(config.maxConnections())
                .connectionTimeout(config.connectTimeout())
                .socketTimeout(config.callAttemptTimeout())
                .build();
        this.defaultAccess = new AwsAccess(this, DefaultCredentialsProvider.builder().build(), true, () -> {
        });
    }

    /** The service's own credentials (default chain); shared, never closed by callers. */
    public AwsAccess defaultAccess() {
        return defaultAccess;
    }

    /**
     * Access for the credentials of one request: the default chain or the given keys, then the role to assume if
     * any. The caller closes it when its scan or action ends, so the keys are dropped with it; without request
     * credentials this is the shared default access, whose close does nothing.
     */
    public AwsAccess forRequest(CredentialsRequest request) {
        if (request == null || (!request.hasAccessKeys() && request.roleArn == null)) {
            return defaultAccess;
        }
        AwsCredentialsProvider source = request.hasAccessKeys() ? StaticCredentialsProvider.create(
                request.sessionToken == null
                        ? AwsBasicCredentials.create(request.accessKeyId, request.secretAccessKey)
                        : AwsSessionCredentials.create(request.accessKeyId, request.secretAccessKey,
                                request.sessionToken))
                : DefaultCredentialsProvider.builder().build();
        if (request.roleArn == null) {
            return new AwsAccess(this, source, false, () -> {
            });
        }
        StsClient sts = build(StsClient.class, Region.of(homeRegion()), source);
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> {
                    r.roleArn(request.roleArn).roleSessionName("tracker-scanner-" + UUID.randomUUID());
                    if (request.externalId != null) {
                        r.externalId(request.externalId);
                    }
                })
                .build();
        return new AwsAccess(this, assumed, false, sts::close);
    }

    String homeRegion() {
        return config.homeRegion();
    }

    <T extends SdkClient> T build(Class<T> type, Region region, AwsCredentialsProvider credentials) {
        Supplier<? extends AwsClientBuilder<?, ?>> builder = builders.get(type);
        if (builder == null) {
            throw new IllegalArgumentException("no client builder for " + type.getSimpleName());
        }
        AwsClientBuilder<?, ?> b = builder.get()
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(config.maxAttempts()).build())
                        .apiCallTimeout(config.callTimeout())
                        .apiCallAttemptTimeout(config.callAttemptTimeout())
                        .scheduledExecutorService(timeouts));
        config.endpointOverride().ifPresent(b::endpointOverride);
        ((AwsSyncClientBuilder<?, ?>) b).httpClient(http);
        return type.cast(b.build());
    }

    @PreDestroy
    void close() {
        defaultAccess.release();
        http.close();
        timeouts.shutdownNow();
    }

    /**
     * Two timer threads. Every call schedules two timeouts and cancels them when it answers: a cancelled timer is
     * dropped at once, not kept with the request it would have aborted until its 60 s would have run out.
     */
    private static ScheduledExecutorService callTimeoutTimers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "aws-call-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }
}

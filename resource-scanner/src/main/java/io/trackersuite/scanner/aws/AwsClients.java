package io.trackersuite.scanner.aws;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
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

    private static final Logger LOG = Logger.getLogger(AwsClients.class);

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
        }, null);
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
            }, null);
        }
        StsClient sts = build(StsClient.class, Region.of(homeRegion()), source, null);
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> {
                    r.roleArn(request.roleArn).roleSessionName("tracker-scanner-" + UUID.randomUUID());
                    if (request.externalId != null) {
                        r.externalId(request.externalId);
                    }
                })
                .build();
        return new AwsAccess(this, assumed, false, sts::close, null);
    }

    /**
     * Access whose every call goes to {@code endpoint} (the start-up rehearsal's {@link AwsReplay}), signed with
     * made-up keys: the real credentials and AWS itself are never involved.
     */
    public AwsAccess toReplay(URI endpoint) {
        AwsCredentialsProvider madeUp = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAREHEARSAL", "rehearsal-only"));
        return new AwsAccess(this, madeUp, false, () -> {
        }, endpoint);
    }

    String homeRegion() {
        return config.homeRegion();
    }

    <T extends SdkClient> T build(Class<T> type, Region region, AwsCredentialsProvider credentials, URI endpoint) {
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
        Optional.ofNullable(endpoint).or(config::endpointOverride).ifPresent(b::endpointOverride);
        ((AwsSyncClientBuilder<?, ?>) b).httpClient(http);
        return type.cast(b.build());
    }

    /**
     * Loads every SDK client's classes while the service boots, so the first scan does not pay for it: building a
     * client of each service initialises its builder, endpoint rules, auth schemes and retry strategy (measured: the
     * first scan of a fresh process took 6.8 s against 2.2 s for a warm one). It runs before start-up ends, not
     * after: Quarkus's class loader keeps every jar open while the application boots, but afterwards only the four
     * it used last, so classes loaded later from the SDK's many jars reopen (and re-index) a jar at almost every
     * class (JFR: 20-50 MB/s of jar directories allocated through the first scan). The classes a scan needs beyond
     * the clients follow ({@link ScanClassList}). Nothing is sent to AWS.
     */
    void preload(@Observes StartupEvent started) {
        builders.keySet().parallelStream().forEach(type -> {
            try (SdkClient client = build(type.asSubclass(SdkClient.class), Region.of(homeRegion()),
                    AnonymousCredentialsProvider.create(), null)) {
                LOG.tracef("preloaded %s", client.serviceName());
            } catch (RuntimeException e) {
                LOG.debugf("could not preload %s: %s", type.getSimpleName(), e.getMessage());
            }
        });
        if (config.preloadScanClasses() && ImageMode.current() == ImageMode.JVM) { // a native image loads no classes
            ScanClassList.load(AwsClients.class.getClassLoader());
        }
    }

    @PreDestroy
    void close() {
        defaultAccess.release();
        http.close();
        timeouts.shutdownNow();
    }

    /**
     * Two timer threads. Every call schedules two timeouts and cancels them when it answers: a cancelled timer is
     * dropped at once, not kept with the request it would have aborted until its 60 s would have run out (15,000
     * such timers were alive after the start-up rehearsal).
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

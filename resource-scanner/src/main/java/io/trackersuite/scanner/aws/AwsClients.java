package io.trackersuite.scanner.aws;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

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
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds the SDK clients: one shared pooled HTTP client, the standard retry mode, call and attempt timeouts, and the
 * optional endpoint override (path-style S3) that points the whole scanner at an AWS-compatible endpoint.
 */
@ApplicationScoped
public class AwsClients {

    private static final Logger LOG = Logger.getLogger(AwsClients.class);

    private static final Map<Class<?>, Supplier<? extends AwsClientBuilder<?, ?>>> BUILDERS = Map.ofEntries(
            Map.entry(Ec2Client.class, Ec2Client::builder),
            Map.entry(S3Client.class, () -> S3Client.builder().forcePathStyle(true)),
            Map.entry(CloudWatchClient.class, CloudWatchClient::builder),
            Map.entry(RdsClient.class, RdsClient::builder),
            Map.entry(LambdaClient.class, LambdaClient::builder),
            Map.entry(ElasticLoadBalancingV2Client.class, ElasticLoadBalancingV2Client::builder),
            Map.entry(ElasticLoadBalancingClient.class, ElasticLoadBalancingClient::builder),
            Map.entry(IamClient.class, IamClient::builder),
            Map.entry(CloudWatchLogsClient.class, CloudWatchLogsClient::builder),
            Map.entry(DynamoDbClient.class, DynamoDbClient::builder),
            Map.entry(EcsClient.class, EcsClient::builder),
            Map.entry(EksClient.class, EksClient::builder),
            Map.entry(ElastiCacheClient.class, ElastiCacheClient::builder),
            Map.entry(ResourceGroupsTaggingApiClient.class, ResourceGroupsTaggingApiClient::builder),
            Map.entry(StsClient.class, StsClient::builder));

    private final AwsConfig config;
    private final SdkHttpClient http;
    /**
     * The timers of every client's call timeouts. Left to itself the SDK gives each client a pool of its own: a scan
     * builds a client per service and region (300+), and those pools held 700 threads and 77 MB of stacks (NMT).
     */
    private final ScheduledExecutorService timeouts = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "aws-call-timeouts");
        thread.setDaemon(true);
        return thread;
    });
    private final AwsAccess defaultAccess;

    public AwsClients(AwsConfig config) {
        this.config = config;
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
        Supplier<? extends AwsClientBuilder<?, ?>> builder = BUILDERS.get(type);
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

    /**
     * Loads every SDK client's classes in the background as the service starts, so the first scan does not pay for
     * it: building a client of each service initialises its builder, endpoint rules, auth schemes and retry
     * strategy (measured: the first scan of a fresh process took 6.8 s against 2.2 s for a warm one). Nothing is
     * sent to AWS.
     */
    void preload(@Observes StartupEvent started) {
        Thread preload = new Thread(() -> BUILDERS.keySet().forEach(type -> {
            try (SdkClient client = build(type.asSubclass(SdkClient.class), Region.of(homeRegion()),
                    AnonymousCredentialsProvider.create())) {
                LOG.tracef("preloaded %s", client.serviceName());
            } catch (RuntimeException e) {
                LOG.debugf("could not preload %s: %s", type.getSimpleName(), e.getMessage());
            }
        }), "aws-client-preload");
        preload.setDaemon(true);
        preload.start();
    }

    @PreDestroy
    void close() {
        defaultAccess.release();
        http.close();
        timeouts.shutdownNow();
    }
}

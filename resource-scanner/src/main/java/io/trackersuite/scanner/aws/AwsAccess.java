package io.trackersuite.scanner.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS clients of one set of credentials: one client per service and region, built on first use and reused for
 * every later call (clients are thread-safe and hold the retry state). The default-chain access lives as long as the
 * application; one made for request credentials is closed when its scan or action ends.
 */
public class AwsAccess implements AutoCloseable {

    private record ClientKey(Class<?> type, String region) {
    }

    private final AwsClients factory;
    private final AwsCredentialsProvider credentials;
    private final boolean shared;
    private final Runnable releaseExtra;
    private final Map<ClientKey, SdkClient> clients = new ConcurrentHashMap<>();
    private volatile String accountId;

    AwsAccess(AwsClients factory, AwsCredentialsProvider credentials, boolean shared, Runnable releaseExtra) {
        this.factory = factory;
        this.credentials = credentials;
        this.shared = shared;
        this.releaseExtra = releaseExtra;
    }

    public <T extends SdkClient> T client(Class<T> type, String region) {
        return type.cast(clients.computeIfAbsent(new ClientKey(type, region),
                key -> factory.build(type, Region.of(region), credentials)));
    }

    /** A client in the home region (account-wide services: IAM, S3 bucket list, DescribeRegions). */
    public <T extends SdkClient> T home(Class<T> type) {
        return client(type, factory.homeRegion());
    }

    /** The account the credentials belong to (ARNs of types whose API does not return one), read once, with STS. */
    public String accountId() {
        String id = accountId;
        if (id == null) {
            id = home(StsClient.class).getCallerIdentity().account();
            accountId = id;
        }
        return id;
    }

    public String homeRegion() {
        return factory.homeRegion();
    }

    /** Ends a request's access; the shared default access stays open until shutdown. */
    @Override
    public void close() {
        if (!shared) {
            release();
        }
    }

    void release() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
        releaseExtra.run();
    }
}

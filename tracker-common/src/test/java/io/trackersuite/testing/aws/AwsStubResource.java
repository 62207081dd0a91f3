package io.trackersuite.testing.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the AWS stub for a test run and points the scanner at it. The scanner's default credential chain finds the
 * stub credentials in the standard {@code aws.accessKeyId} system properties, as it would find real ones: set in this
 * JVM for a {@code @QuarkusTest}, passed to the packaged service's process for a {@code @QuarkusIntegrationTest}.
 */
public class AwsStubResource implements QuarkusTestResourceLifecycleManager {

    /** What the scanner's default credential chain finds. */
    public static final StubCredentials DEFAULT_CHAIN = StubCredentials.longTerm();

    private static volatile AwsStub stub;

    /** The running stub, for tests to shape the account and inspect the calls. */
    public static AwsStub stub() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        try {
            stub = new AwsStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("aws.accessKeyId", DEFAULT_CHAIN.accessKeyId());
        System.setProperty("aws.secretAccessKey", DEFAULT_CHAIN.secretAccessKey());
        return Map.of("test.aws.endpoint", stub.endpoint().toString(),
                "aws.accessKeyId", DEFAULT_CHAIN.accessKeyId(), "aws.secretAccessKey", DEFAULT_CHAIN.secretAccessKey());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}

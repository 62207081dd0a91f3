package io.trackersuite.scanner.aws;

import java.util.function.Supplier;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;

/** An SDK client type and how to start building one (each family names the clients its types call). */
public record AwsService<T extends SdkClient>(Class<T> type, Supplier<? extends AwsClientBuilder<?, ?>> builder) {

    public static <T extends SdkClient> AwsService<T> of(Class<T> type,
            Supplier<? extends AwsClientBuilder<?, ?>> builder) {
        return new AwsService<>(type, builder);
    }
}

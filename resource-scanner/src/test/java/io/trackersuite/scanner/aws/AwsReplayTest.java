package io.trackersuite.scanner.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;

import io.vertx.core.Vertx;

/**
 * The rehearsal's recorded answers, replayed to the real SDK clients: every page of a paginated list, the answer of
 * the very request recorded, an answer for a call that carries a time window, and a clear refusal of the unrecorded.
 */
@Tag("unit")
class AwsReplayTest {

    private static Vertx vertx;
    private static AwsReplay replay;
    private static URI endpoint;
    private static SdkHttpClient http;

    @BeforeAll
    static void listen() throws Exception {
        vertx = Vertx.vertx();
        replay = AwsReplay.fromClassPath(vertx);
        assertThat(replay).as("the build carries " + AwsReplay.RECORDING).isNotNull();
        endpoint = replay.listen().toCompletionStage().toCompletableFuture().get();
        http = ApacheHttpClient.create();
    }

    @AfterAll
    static void close() {
        http.close();
        replay.close();
        vertx.close();
    }

    @Test
    void followsEveryPageOfAList() {
        try (Ec2Client ec2 = client(Ec2Client.builder())) {
            List<String> ids = ec2.describeInstancesPaginator(r -> r.maxResults(1000)).stream()
                    .flatMap(page -> page.reservations().stream())
                    .map(Reservation::instances).flatMap(List::stream).map(Instance::instanceId).toList();
            // more instances than a page of the recording holds (100), none twice
            assertThat(ids).hasSizeGreaterThan(100).doesNotHaveDuplicates();
        }
    }

    @Test
    void answersTheRequestRecorded() {
        try (DynamoDbClient dynamoDb = client(DynamoDbClient.builder())) {
            assertThat(dynamoDb.describeTable(r -> r.tableName("dynamodb-table-3")).table().tableName())
                    .isEqualTo("dynamodb-table-3");
        }
    }

    @Test
    void answersACallWithAnotherTimeWindowByItsOperation() {
        try (CloudWatchClient cloudWatch = client(CloudWatchClient.builder())) {
            Instant end = Instant.now().plus(Duration.ofDays(3));
            var answer = cloudWatch.getMetricData(r -> r.startTime(end.minus(Duration.ofDays(2))).endTime(end)
                    .metricDataQueries(MetricDataQuery.builder().id("b0m0").expression("SUM(METRICS())").build()));
            assertThat(answer.metricDataResults()).isNotEmpty();
        }
    }

    @Test
    void refusesACallNeverRecorded() {
        try (Ec2Client ec2 = client(Ec2Client.builder())) {
            assertThatThrownBy(() -> ec2.describeKeyPairs())
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        }
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.region(Region.US_EAST_1).endpointOverride(endpoint).httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "test")))
                .build();
    }
}

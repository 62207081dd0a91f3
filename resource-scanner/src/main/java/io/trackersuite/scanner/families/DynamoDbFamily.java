package io.trackersuite.scanner.families;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import io.trackersuite.scanner.aws.AwsService;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.inventory.Tags;
import io.trackersuite.scanner.pricing.Estimate;
import io.trackersuite.scanner.pricing.PriceCatalogue;

/** DynamoDB tables: provisioned capacity hours and storage (on-demand requests are usage-based). */
@ApplicationScoped
public class DynamoDbFamily implements ResourceFamily {

    public static final ResourceType TABLE = ResourceType.regional("dynamodb_table", "DynamoDB_Table", "dynamodb");

    @Override
    public List<AwsService<?>> clients() {
        return List.of(AwsService.of(DynamoDbClient.class, DynamoDbClient::builder));
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(ResourceKind.of(TABLE, this::tables, DynamoDbFamily::price).taggedVia("dynamodb:table"));
    }

    /** ListTables gives names only: each table is described, and its tags read, in a detail task. */
    private void tables(CollectContext ctx) {
        DynamoDbClient dynamo = ctx.client(DynamoDbClient.class);
        dynamo.listTablesPaginator(r -> r.limit(100)).tableNames().forEach(name -> ctx.fork(() -> {
            TableDescription t = dynamo.describeTable(r -> r.tableName(name)).table();
            boolean onDemand = t.billingModeSummary() != null
                    && "PAY_PER_REQUEST".equals(t.billingModeSummary().billingModeAsString());
            ctx.found(CloudResource.builder(TABLE, ctx.region(), t.tableName())
                    .arn(t.tableArn())
                    .name(t.tableName())
                    .state(t.tableStatusAsString())
                    .createdAt(t.creationDateTime())
                    .tags(ctx.indexedTags(ctx.region(), t.tableArn()).orElseGet(() -> tags(dynamo, t.tableArn())))
                    .meta("billing_mode", onDemand ? "PAY_PER_REQUEST" : "PROVISIONED")
                    .meta("read_capacity_units", onDemand ? null : t.provisionedThroughput().readCapacityUnits())
                    .meta("write_capacity_units", onDemand ? null : t.provisionedThroughput().writeCapacityUnits())
                    .meta("size_bytes", t.tableSizeBytes())
                    .meta("item_count", t.itemCount())
                    .build());
        }));
    }

    private static Estimate price(CloudResource r, PriceCatalogue prices) {
        BigDecimal storage = Estimate.bytesAsGb(r.number("size_bytes"))
                .multiply(prices.amount("dynamodb_storage_gb_month"));
        if ("PAY_PER_REQUEST".equals(r.text("billing_mode"))) {
            return Estimate.of(storage, "storage only; on-demand reads and writes are usage-based");
        }
        BigDecimal capacityHourly = r.number("read_capacity_units").multiply(prices.amount("dynamodb_rcu_hourly"))
                .add(r.number("write_capacity_units").multiply(prices.amount("dynamodb_wcu_hourly")));
        BigDecimal capacity = capacityHourly.multiply(BigDecimal.valueOf(prices.hoursPerMonth()));
        return Estimate.of(capacity.add(storage), "provisioned read/write capacity hours and storage");
    }

    /** ListTagsOfResource pages with a token but has no SDK paginator. */
    private static Map<String, String> tags(DynamoDbClient dynamo, String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        String token = null;
        do {
            String from = token;
            ListTagsOfResourceResponse page = dynamo.listTagsOfResource(r -> r.resourceArn(arn).nextToken(from));
            tags.putAll(Tags.of(page.tags(), tag -> tag.key(), tag -> tag.value()));
            token = page.nextToken();
        } while (token != null);
        return tags;
    }
}

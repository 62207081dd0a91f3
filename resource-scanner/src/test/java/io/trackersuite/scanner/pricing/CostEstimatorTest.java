package io.trackersuite.scanner.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.trackersuite.scanner.families.DynamoDbFamily;
import io.trackersuite.scanner.families.Ec2Family;
import io.trackersuite.scanner.families.EcrFamily;
import io.trackersuite.scanner.families.EcsFamily;
import io.trackersuite.scanner.families.EksFamily;
import io.trackersuite.scanner.families.ElastiCacheFamily;
import io.trackersuite.scanner.families.IamFamily;
import io.trackersuite.scanner.families.LambdaFamily;
import io.trackersuite.scanner.families.LoadBalancingFamily;
import io.trackersuite.scanner.families.LogsFamily;
import io.trackersuite.scanner.families.RdsFamily;
import io.trackersuite.scanner.families.ResourceTypes;
import io.trackersuite.scanner.families.S3Family;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.ResourceType;

/** The cost rules on the shipped price catalogue, by hand: no service, no database, no AWS. */
@Tag("unit")
class CostEstimatorTest {

    private static final ResourceTypes TYPES = new ResourceTypes(List.of(new DynamoDbFamily(), new Ec2Family(),
            new EcrFamily(), new EcsFamily(), new EksFamily(), new ElastiCacheFamily(), new IamFamily(),
            new LambdaFamily(), new LoadBalancingFamily(), new LogsFamily(), new RdsFamily(), new S3Family()));
    private final CostEstimator estimator = new CostEstimator(TYPES);

    @Test
    void everyTypeIsPricedFromEntriesTheShippedCatalogueHas() {
        for (ResourceType type : TYPES.all()) {
            for (String state : List.of("running", "available", "stopped")) {
                CloudResource bare = CloudResource.builder(type, "us-east-1", "x").state(state).build();
                assertThat(estimator.estimate(bare).costBasis()).as(type.id()).isNotBlank();
            }
        }
    }

    @Test
    void anEcrRepositoryCostsItsStoredImages() {
        CloudResource repository = CloudResource.builder(EcrFamily.REPOSITORY, "us-east-1", "shop/web")
                .state("available").meta("size_bytes", 25L << 30).build();
        // 25 GB x $0.10
        assertThat(estimator.estimate(repository).monthlyCost()).isEqualByComparingTo("2.5000");
    }

    @Test
    void aRunningInstanceCostsItsHoursAndAStoppedOneNothing() {
        CloudResource running = instance("running", "us-east-1");
        // t3.micro $0.0104/h x 730 h
        assertThat(estimator.estimate(running).monthlyCost()).isEqualByComparingTo("7.5920");
        assertThat(estimator.estimate(instance("stopped", "us-east-1")).monthlyCost()).isEqualByComparingTo("0");
    }

    @Test
    void regionsArePricedWithTheirFactorAndUnknownOnesSaySo() {
        // eu-central-1: x 1.198
        assertThat(estimator.estimate(instance("running", "eu-central-1")).monthlyCost()).isEqualByComparingTo("9.0952");
        CloudResource unknownRegion = estimator.estimate(instance("running", "xx-moon-1"));
        assertThat(unknownRegion.monthlyCost()).isEqualByComparingTo("9.4900"); // default factor 1.25
        assertThat(unknownRegion.costBasis()).contains("region xx-moon-1 priced with the default factor");
    }

    @Test
    void gp3VolumesPayForIopsAndThroughputAboveTheFreeBaseline() {
        CloudResource volume = CloudResource.builder(Ec2Family.VOLUME, "us-east-1", "vol-0123456789abcdef0")
                .state("in-use").meta("volume_type", "gp3").meta("size_gb", 100).meta("iops", 4000)
                .meta("throughput", 225).build();
        // 100 GB x 0.08 + (4000 - 3000) IOPS x 0.005 + (225 - 125) MB/s x 0.04
        assertThat(estimator.estimate(volume).monthlyCost()).isEqualByComparingTo("17.0000");
    }

    @Test
    void usageBasedResourcesGetNoFigureRatherThanAGuess() {
        CloudResource function = CloudResource.builder(LambdaFamily.FUNCTION, "us-east-1", "my-function")
                .state("Active").build();
        CloudResource estimated = estimator.estimate(function);
        assertThat(estimated.monthlyCost()).isNull();
        assertThat(estimated.costBasis()).isEqualTo(Estimate.USAGE_BASED);
    }

    @Test
    void anInstanceTypeMissingFromTheCatalogueIsUnknownNotFree() {
        CloudResource exotic = CloudResource.builder(Ec2Family.INSTANCE, "us-east-1", "i-0123456789abcdef0")
                .state("running").meta("instance_type", "z9.mega").build();
        CloudResource estimated = estimator.estimate(exotic);
        assertThat(estimated.monthlyCost()).isNull();
        assertThat(estimated.costBasis()).contains("z9.mega");
    }

    private static CloudResource instance(String state, String region) {
        return CloudResource.builder(Ec2Family.INSTANCE, region, "i-0123456789abcdef0")
                .state(state).meta("instance_type", "t3.micro").build();
    }
}

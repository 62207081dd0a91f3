package io.trackersuite.scanner.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.ResourceType;

/** The cost rules on the shipped price catalogue, by hand: no service, no database, no AWS. */
@Tag("unit")
class CostEstimatorTest {

    private final CostEstimator estimator = new CostEstimator();

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
        CloudResource volume = CloudResource.builder(ResourceType.EBS_VOLUME, "us-east-1", "vol-0123456789abcdef0")
                .state("in-use").meta("volume_type", "gp3").meta("size_gb", 100).meta("iops", 4000)
                .meta("throughput", 225).build();
        // 100 GB x 0.08 + (4000 - 3000) IOPS x 0.005 + (225 - 125) MB/s x 0.04
        assertThat(estimator.estimate(volume).monthlyCost()).isEqualByComparingTo("17.0000");
    }

    @Test
    void usageBasedResourcesGetNoFigureRatherThanAGuess() {
        CloudResource function = CloudResource.builder(ResourceType.LAMBDA_FUNCTION, "us-east-1", "my-function")
                .state("Active").build();
        CloudResource estimated = estimator.estimate(function);
        assertThat(estimated.monthlyCost()).isNull();
        assertThat(estimated.costBasis()).isEqualTo(CostEstimator.USAGE_BASED);
    }

    @Test
    void anInstanceTypeMissingFromTheCatalogueIsUnknownNotFree() {
        CloudResource exotic = CloudResource.builder(ResourceType.EC2_INSTANCE, "us-east-1", "i-0123456789abcdef0")
                .state("running").meta("instance_type", "z9.mega").build();
        CloudResource estimated = estimator.estimate(exotic);
        assertThat(estimated.monthlyCost()).isNull();
        assertThat(estimated.costBasis()).contains("z9.mega");
    }

    private static CloudResource instance(String state, String region) {
        return CloudResource.builder(ResourceType.EC2_INSTANCE, region, "i-0123456789abcdef0")
                .state(state).meta("instance_type", "t3.micro").build();
    }
}

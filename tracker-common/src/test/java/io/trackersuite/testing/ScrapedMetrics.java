package io.trackersuite.testing;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;

import io.restassured.specification.RequestSpecification;

/** One scrape of a service's /q/metrics in Prometheus' text format, read as a dashboard would read it. */
public final class ScrapedMetrics {

    private final List<String> lines;

    private ScrapedMetrics(String text) {
        this.lines = text.lines().filter(line -> !line.startsWith("#")).toList();
    }

    /** Scrapes the service under test as an anonymous caller. */
    public static ScrapedMetrics scrape() {
        return scrape(given());
    }

    /** Scrapes with the caller's credentials (the gateway's /q/metrics needs the admin role). */
    public static ScrapedMetrics scrape(RequestSpecification caller) {
        return new ScrapedMetrics(caller.accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200).extract().asString());
    }

    /**
     * The sum of the metric's series whose labels include every one given ({@code plan="sensitive"}), or empty when
     * the metric has no such series (not registered yet, or never labelled so).
     */
    public OptionalDouble sum(String name, String... labels) {
        double[] values = lines.stream()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> Stream.of(labels).allMatch(label -> labelsOf(line).contains(label)))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .toArray();
        return values.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Arrays.stream(values).sum());
    }

    private static String labelsOf(String line) {
        int open = line.indexOf('{');
        return open < 0 ? "" : line.substring(open, line.indexOf('}') + 1);
    }
}

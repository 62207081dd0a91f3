package io.trackersuite.scanner;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.trackersuite.testing.TestTokens;

/** Starts scans through the API as an operator would, and waits for them to end. */
public final class Scans {

    private static final String OPERATOR = TestTokens.bearer("olga", "operator");

    private Scans() {
    }

    public static String start(Map<String, Object> request) {
        return given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/scans")
                .then().statusCode(202).extract().path("id");
    }

    public static JsonPath awaitFinished(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String status = given().auth().oauth2(OPERATOR).get("/api/v1/scans/" + id).path("status");
            return "completed".equals(status) || "failed".equals(status);
        });
        return given().auth().oauth2(OPERATOR).get("/api/v1/scans/" + id).then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath run(Map<String, Object> request) {
        return awaitFinished(start(request));
    }
}

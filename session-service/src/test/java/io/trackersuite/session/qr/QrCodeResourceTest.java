package io.trackersuite.session.qr;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.trackersuite.testing.RedisProxyResource;

/** A phone that scans the code lands on the configured page, whatever the request claimed its host was. */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class QrCodeResourceTest {

    @Test
    void thePngDecodesToTheConfiguredPublicUrlEvenWithASpoofedHost() throws Exception {
        byte[] png = given().header("X-Forwarded-Host", "evil.example").header("Host", "evil.example")
                .when().get("/api/qr?size=300")
                .then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(300);
        String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
        assertThat(text).isEqualTo("https://tracker.example.com/");
    }

    @Test
    void svgIsServedOnRequest() {
        given().when().get("/api/qr?format=svg")
                .then().statusCode(200).contentType("image/svg+xml")
                .body(startsWith("<svg"), containsString("<path"));
    }

    @Test
    void badSizeOrFormatIsAProblem() {
        given().when().get("/api/qr?size=99999")
                .then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("size"), "detail", containsString("between 64 and 1024"));
        given().when().get("/api/qr?format=gif")
                .then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("format"), "detail", containsString("png, svg"));
        // not a number, or beyond int range: a problem naming the parameter, not JAX-RS's bare 404
        given().when().get("/api/qr?size=abc")
                .then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("size"), "detail", containsString("whole number"));
        given().when().get("/api/qr?size=99999999999")
                .then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("size"), "detail", containsString("between 64 and 1024"));
    }
}

package io.trackersuite.useragent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real User-Agent strings, as browsers and bots send them, and what the admin or visitor sees for each. */
@Tag("unit")
class UserAgentParserTest {

    private static final UserAgentParser PARSER = new UserAgentParser();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36|Chrome 120|Windows 10|desktop",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15|Safari 17|Mac OS X 10|desktop",
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0|Firefox 121|Ubuntu|desktop",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1|Mobile Safari 17|iOS 17|mobile",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36|Chrome Mobile 120|Android 14|mobile",
            "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1|Mobile Safari 16|iOS 16|tablet",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91|Edge 120|Windows 10|desktop",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)|Googlebot 2|Other|bot",
            "curl/8.4.0|curl 8|Other|desktop",
            "<script>alert(1)</script>|Other|Other|desktop"
    })
    void describesBrowserOsAndDevice(String userAgent, String browser, String os, String device) {
        UserAgentParser.UserAgentInfo description = PARSER.parse(userAgent);
        assertThat(description.browserWithVersion()).isEqualTo(browser);
        assertThat(description.os()).isEqualTo(os);
        assertThat(description.device()).isEqualTo(device);
    }

    @Test
    void keepsBrowserAndVersionApartAndBoundsHostileInput() {
        UserAgentParser.UserAgentInfo chrome = PARSER.parse(
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36");
        assertThat(chrome.browser()).isEqualTo("Chrome Mobile");
        assertThat(chrome.browserVersion()).isEqualTo("120");

        assertThat(PARSER.parse("x".repeat(10_000)).browser()).hasSizeLessThanOrEqualTo(64);
        assertThat(PARSER.parse(null)).isEqualTo(UserAgentParser.UserAgentInfo.UNKNOWN);
        assertThat(PARSER.parse("  ")).isEqualTo(UserAgentParser.UserAgentInfo.UNKNOWN);
    }

    @Test
    void cleaningDropsControlCharactersAndCuts() {
        assertThat(UserAgentParser.clean("curl/8.4.0\r\n\tX-Injected: 1", 512)).isEqualTo("curl/8.4.0X-Injected: 1");
        assertThat(UserAgentParser.clean("A".repeat(600), 512)).hasSize(512);
        assertThat(UserAgentParser.clean(null, 512)).isNull();
    }
}

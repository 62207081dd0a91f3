package io.trackersuite.session.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.trackersuite.session.api.Json;

/** The frames every client is sent are what a WebSocket client reads: one final text frame, at every length form. */
@Tag("unit")
class SharedFrameTest {

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 125, 126, 400, 65_535, 65_536, 200_000 })
    void aClientReadsTheTextBackWhateverItsLength(int length) {
        String text = "é".repeat(length / 2) + "x".repeat(length % 2); // two bytes a character, then one
        SharedFrame frame = SharedFrame.text(new Json.Encoded(text.getBytes(StandardCharsets.UTF_8)));
        // a client's decoder: frames from a server are unmasked
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));

        client.writeInbound(frame.forOneWrite());
        TextWebSocketFrame read = client.readInbound();

        assertThat(read.isFinalFragment()).isTrue();
        assertThat(read.text()).isEqualTo(text);
        int headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10;
        assertThat(frame.bytes()).isEqualTo(read.content().readableBytes() + headerBytes);
        read.release();
        frame.release();
        assertThat(frame.references()).isZero();
    }
}

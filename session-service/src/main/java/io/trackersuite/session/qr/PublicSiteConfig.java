package io.trackersuite.session.qr;

import java.net.URI;

import io.smallrye.config.ConfigMapping;

/** Where visitors reach the tracker page (through the gateway): what the QR code opens. */
@ConfigMapping(prefix = "tracker")
public interface PublicSiteConfig {

    URI publicUrl();
}

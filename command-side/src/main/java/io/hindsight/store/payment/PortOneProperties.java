package io.hindsight.store.payment;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where PortOne's v1 REST API is ({@code HINDSIGHT_PAYMENTS_PORTONE_URL}), the REST API key and secret that buy
 * an access token, and how long a call may take to connect and to answer.
 */
@ConfigurationProperties(prefix = "hindsight.payments.portone")
public record PortOneProperties(
        URI url, String apiKey, String apiSecret, Duration connectTimeout, Duration readTimeout) {

    public PortOneProperties {
        url = url == null ? URI.create("https://api.iamport.kr") : url;
        apiKey = apiKey == null ? "" : apiKey;
        apiSecret = apiSecret == null ? "" : apiSecret;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
    }

    @Override
    public String toString() {
        return "PortOneProperties[url=" + url + ", apiKey=" + (apiKey.isEmpty() ? "unset" : "set") + "]";
    }
}

package io.hindsight.account;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Social log-in providers by name, each with the user-info URL the server calls with the client's
 * provider access token. Providers answer in Kakao's {@code /v2/user/me} shape, within {@code timeout} (3 s by
 * default) or the log-in is a 503.
 */
@ConfigurationProperties(prefix = "hindsight.social")
public record SocialLoginProperties(Map<String, Provider> providers, Duration timeout) {

    public SocialLoginProperties {
        providers = providers == null
                ? Map.of("kakao", new Provider(URI.create("https://kapi.kakao.com/v2/user/me")))
                : Map.copyOf(providers);
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
    }

    public record Provider(URI userInfoUrl) {}
}

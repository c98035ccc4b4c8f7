package io.hindsight.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.OpenSocialAccount;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.SocialIdentity;
import io.hindsight.account.guard.EmailRegistry;
import io.hindsight.account.guard.SocialIdentities;
import io.hindsight.account.token.IssuedTokens;
import io.hindsight.common.BusinessException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Log-in with a provider access token: the provider's user-info endpoint tells who the token belongs
 * to; the first log-in of an identity opens an account for it, whose id follows from the identity so that
 * two racing first log-ins open one account.
 */
@Service
public class SocialLogin {

    private final SocialLoginProperties properties;
    private final SocialIdentities identities;
    private final EmailRegistry emails;
    private final AuthService auth;
    private final RestClient http;

    public SocialLogin(
            SocialLoginProperties properties,
            SocialIdentities identities,
            EmailRegistry emails,
            AuthService auth,
            RestClient.Builder http) {
        this.properties = properties;
        this.identities = identities;
        this.emails = emails;
        this.auth = auth;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.timeout());
        requests.setReadTimeout(properties.timeout());
        this.http = http.requestFactory(requests).build();
    }

    public IssuedTokens logIn(String providerName, String providerAccessToken) {
        String provider = providerName.toLowerCase(Locale.ROOT);
        SocialLoginProperties.Provider settings = Optional.ofNullable(
                        properties.providers().get(provider))
                .orElseThrow(() -> new BusinessException(
                        AccountError.UNKNOWN_PROVIDER, "No social log-in provider %s", providerName));
        ProviderUser user = fetchUser(provider, settings, providerAccessToken);
        SocialIdentity identity = new SocialIdentity(provider, user.subject());
        Optional<AccountId> existing = identities.ownerOf(identity);
        if (existing.isPresent()) {
            return auth.logInVerified(existing.get());
        }
        String email =
                user.verifiedEmail() != null && !emails.isTaken(user.verifiedEmail()) ? user.verifiedEmail() : null;
        AccountId accountId = auth.openSocialAccount(
                new OpenSocialAccount(identity, email, new ProfileFields(user.displayName(), null, null)));
        return auth.logInVerified(accountId);
    }

    private ProviderUser fetchUser(String provider, SocialLoginProperties.Provider settings, String token) {
        JsonNode body;
        try {
            body = http.get()
                    .uri(settings.userInfoUrl())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .retrieve()
                    .body(JsonNode.class);
        } catch (HttpClientErrorException rejected) {
            throw new BusinessException(
                    AccountError.SOCIAL_TOKEN_INVALID, "%s did not accept the access token", provider);
        } catch (RestClientException unavailable) {
            throw new BusinessException(
                    AccountError.SOCIAL_PROVIDER_UNAVAILABLE, "%s cannot be reached right now", provider);
        }
        if (body == null || !body.hasNonNull("id")) {
            throw new BusinessException(
                    AccountError.SOCIAL_PROVIDER_UNAVAILABLE, "%s answered without a user id", provider);
        }
        JsonNode account = body.path("kakao_account");
        String email = account.path("email").asText(null);
        boolean verified = account.path("is_email_verified").asBoolean(false)
                && account.path("is_email_valid").asBoolean(true);
        String nickname = account.path("profile")
                .path("nickname")
                .asText(body.path("properties").path("nickname").asText(null));
        return new ProviderUser(
                body.get("id").asText(),
                verified ? email : null,
                nickname == null || nickname.isBlank() ? provider + " user" : nickname);
    }

    private record ProviderUser(String subject, String verifiedEmail, String displayName) {}
}

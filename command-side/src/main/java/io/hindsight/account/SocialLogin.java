package io.hindsight.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.AccountRules;
import io.hindsight.account.api.LinkSocialIdentity;
import io.hindsight.account.api.OpenSocialAccount;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.SocialIdentity;
import io.hindsight.account.guard.EmailRegistry;
import io.hindsight.account.guard.SocialIdentities;
import io.hindsight.account.token.IssuedTokens;
import io.hindsight.command.Commands;
import io.hindsight.common.AsciiCase;
import io.hindsight.common.BusinessException;
import io.hindsight.common.LookAlikes;
import io.hindsight.common.Text;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Log-in with a provider access token: the provider's user-info endpoint tells who the token belongs
 * to; the first log-in of an identity opens an account for it, whose id follows from the identity so that
 * two racing first log-ins open one account. A member already registered with the provider's email links the
 * identity from their account instead of getting a second one.
 *
 * <p>What the provider answers is checked like client input: its user id must be a plain identifier, its
 * email an email, its display name is cut down to text. Only a 401 means the token was refused; any other
 * failure of the provider is a 503.
 */
@Service
public class SocialLogin {

    private static final Pattern PROVIDER_USER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final SocialLoginProperties properties;
    private final SocialIdentities identities;
    private final EmailRegistry emails;
    private final AuthService auth;
    private final Commands commands;
    private final RestClient http;

    public SocialLogin(
            SocialLoginProperties properties,
            SocialIdentities identities,
            EmailRegistry emails,
            AuthService auth,
            Commands commands,
            RestClient.Builder http) {
        this.properties = properties;
        this.identities = identities;
        this.emails = emails;
        this.auth = auth;
        this.commands = commands;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.timeout());
        requests.setReadTimeout(properties.timeout());
        this.http = http.requestFactory(requests).build();
    }

    public IssuedTokens logIn(String providerName, String providerAccessToken, String clientAddress) {
        SocialIdentityProof proof = prove(providerName, providerAccessToken);
        Optional<AccountId> existing = identities.ownerOf(proof.identity());
        if (existing.isPresent()) {
            return auth.logInVerified(existing.get(), proof.identity().provider(), clientAddress);
        }
        String email = proof.user().verifiedEmail();
        OpenSocialAccount open = new OpenSocialAccount(
                proof.identity(), email, new ProfileFields(proof.user().displayName(), null, null));
        // A racing first log-in of this identity, committed since the look-up above, holds the email as this account.
        if (email != null && emails.isTakenByAnotherThan(open.accountId(), email)) {
            // "log in to it and link the provider" is no way out when the account has resigned
            throw emails.isResigned(email)
                    ? new BusinessException(
                            AccountError.EMAIL_RESIGNED,
                            "The email %s belonged to an account that resigned; it cannot open an account again",
                            email)
                    : emailTaken(proof);
        }
        AccountId accountId;
        try {
            accountId = auth.openSocialAccount(open);
        } catch (BusinessException e) {
            if (e.code() == AccountError.EMAIL_TAKEN) {
                throw emailTaken(proof);
            }
            throw e;
        }
        return auth.logInVerified(accountId, proof.identity().provider(), clientAddress);
    }

    /** Links the identity the provider token proves to the member's account. */
    public void link(AccountId accountId, String providerName, String providerAccessToken) {
        SocialIdentityProof proof = prove(providerName, providerAccessToken);
        commands.send(new LinkSocialIdentity(accountId, proof.identity()));
    }

    private SocialIdentityProof prove(String providerName, String providerAccessToken) {
        String provider = AsciiCase.lowerCase(providerName);
        SocialLoginProperties.Provider settings = Optional.ofNullable(
                        properties.providers().get(provider))
                .orElseThrow(() -> new BusinessException(
                        AccountError.UNKNOWN_PROVIDER, "No social log-in provider %s", providerName));
        ProviderUser user = fetchUser(provider, settings, providerAccessToken);
        return new SocialIdentityProof(new SocialIdentity(provider, user.subject()), user);
    }

    private static BusinessException emailTaken(SocialIdentityProof proof) {
        String provider = proof.identity().provider();
        return new BusinessException(
                AccountError.SOCIAL_EMAIL_TAKEN,
                "An account with the email %s exists already: log in to it and link %s with POST /api/me/social/%s",
                proof.user().verifiedEmail(),
                provider,
                provider);
    }

    private ProviderUser fetchUser(String provider, SocialLoginProperties.Provider settings, String token) {
        JsonNode body;
        try {
            body = http.get()
                    .uri(settings.userInfoUrl())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .retrieve()
                    .body(JsonNode.class);
        } catch (HttpStatusCodeException refused) {
            if (refused.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                throw new BusinessException(
                        AccountError.SOCIAL_TOKEN_INVALID, "%s did not accept the access token", provider);
            }
            throw unavailable(provider, "answered " + refused.getStatusCode().value());
        } catch (RestClientException unreachable) {
            throw unavailable(provider, "cannot be reached right now");
        }
        if (body == null || !body.isObject()) {
            throw unavailable(provider, "answered without a user");
        }
        JsonNode id = body.path("id");
        String subject = id.isIntegralNumber() || id.isTextual() ? id.asText() : null;
        if (subject == null || !PROVIDER_USER_ID.matcher(subject).matches()) {
            throw unavailable(provider, "answered without a usable user id");
        }
        JsonNode account = body.path("kakao_account");
        String email = account.path("email").asText(null);
        boolean verified = account.path("is_email_verified").asBoolean(false)
                && account.path("is_email_valid").asBoolean(true)
                && email != null
                && email.length() <= AccountRules.MAX_EMAIL_LENGTH
                && EMAIL.matcher(email).matches()
                && Text.isAcceptable(email, false)
                // a look-alike of another address (a zero-width space, full-width letters) is no email to key an
                // account by: the account opens without one, as with an unverified email
                && LookAlikes.isPlain(email);
        String nickname = Text.sanitized(
                account.path("profile")
                        .path("nickname")
                        .asText(body.path("properties").path("nickname").asText(null)),
                AccountRules.MAX_NAME_LENGTH);
        return new ProviderUser(
                subject,
                verified ? email.trim() : null,
                nickname == null || LookAlikes.showsNothing(nickname)
                        ? provider + " user"
                        : LookAlikes.trimmed(nickname));
    }

    private static BusinessException unavailable(String provider, String what) {
        return new BusinessException(AccountError.SOCIAL_PROVIDER_UNAVAILABLE, "%s %s", provider, what);
    }

    private record ProviderUser(String subject, String verifiedEmail, String displayName) {}

    private record SocialIdentityProof(SocialIdentity identity, ProviderUser user) {}
}

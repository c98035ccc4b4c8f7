package io.hindsight.store.payment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.hindsight.common.AsciiCase;
import io.hindsight.common.BusinessException;
import io.hindsight.common.Text;
import io.hindsight.store.api.ProviderPayment;
import io.hindsight.store.api.ProviderPaymentStatus;
import io.hindsight.store.api.StoreError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * PortOne's v1 REST API (the seed's "iamport"): an access token bought with the REST API key and secret
 * ({@code POST /users/getToken}) and kept until shortly before it expires, then {@code GET /payments/{imp_uid}}
 * and {@code POST /payments/cancel} with the token in the {@code Authorization} header.
 *
 * <p>The HTTP client has connect and read timeouts and never retries by itself: a cancel whose answer was lost
 * is decided by the caller (PortOne cancels by {@code imp_uid} at most once anyway). The one request sent twice
 * is one the provider refused with 401 because the cached token had just expired - it did nothing the first
 * time.
 */
@Component
public class PortOneClient implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(PortOneClient.class);
    /** How much of PortOne's message a refused cancellation keeps. */
    private static final int MAX_MESSAGE_LENGTH = 200;
    /** A token is renewed this long before PortOne says it expires, so that no call carries a dying token. */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

    private final RestClient http;
    private final PortOneProperties properties;
    /** Reads fractions as decimals: as doubles, 2999.9999999999999 won had become a whole 3000. */
    private final ObjectReader exactNumbers;

    private final ReentrantLock renewing = new ReentrantLock();
    private AccessToken token;
    private volatile Instant lastFailedRenewal = Instant.MIN;

    public PortOneClient(PortOneProperties properties, RestClient.Builder builder, ObjectMapper json) {
        this.properties = properties;
        this.exactNumbers = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.readTimeout());
        this.http = builder.requestFactory(requests)
                .baseUrl(properties.url().toString())
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
    }

    @Override
    public Optional<ProviderPayment> find(String paymentId) {
        Answer answer = withToken(access -> http.get()
                .uri("/payments/{impUid}", paymentId)
                .header(HttpHeaders.AUTHORIZATION, access)
                .exchange((request, response) -> Answer.of(response.getStatusCode(), readBody(response))));
        // Only PortOne saying it has no such payment makes it unknown (IGNORED, never retried): any other answer that
        // is
        // no payment - a 429, a redirect, a body that is no JSON or cut short - is the provider not answering, a 503
        // so that it delivers again. Read as unknown, a paid order was never placed nor its payment refunded.
        if (answer.status().value() == 404) {
            return Optional.empty();
        }
        if (!answer.status().is2xxSuccessful() || answer.body() == null) {
            throw unavailable("PortOne answered " + answer.status() + (answer.body() == null ? " with no JSON" : ""));
        }
        // Only an answer that is PortOne's envelope says anything: a JSON array, or an object without a numeric
        // code, holds nothing usable - PortOne not answering, not PortOne saying it knows no such payment.
        if (!answer.body().isObject() || !answer.body().path("code").canConvertToInt()) {
            throw unavailable("PortOne answered " + answer.status() + " with no result code");
        }
        if (answer.body().path("code").asInt() != 0) {
            return Optional.empty();
        }
        JsonNode payment = answer.body().path("response");
        Optional<ProviderPaymentStatus> status =
                ProviderPaymentStatus.parse(payment.path("status").asText(null));
        if (payment.isMissingNode()
                || status.isEmpty()
                || !payment.path("amount").isNumber()) {
            throw unavailable("PortOne answered a payment without a status or amount");
        }
        JsonNode cancelAmount = payment.path("cancel_amount");
        if (!cancelAmount.isMissingNode() && !cancelAmount.isNull() && !cancelAmount.isNumber()) {
            throw unavailable("PortOne answered a payment whose cancel_amount is no number");
        }
        return Optional.of(new ProviderPayment(
                payment.path("imp_uid").asText(paymentId),
                payment.path("merchant_uid").asText(null),
                inWon(payment) ? wholeAmount(payment.path("amount")) : ProviderPayment.NOT_A_WHOLE_AMOUNT,
                status.get(),
                cancelled(cancelAmount)));
    }

    /**
     * How much PortOne has cancelled: {@code cancel_amount}, rounded up to a whole won (any part of a won cancelled
     * is a payment no longer whole), 0 when absent. Compared before it is rounded: rounding 1E+1000000000 or
     * 1E-1000000000 builds a power of ten with a billion digits (an ArithmeticException, or minutes of CPU a little
     * short of that); between 1 and {@code Long.MAX_VALUE} the number's few digits bound its scale.
     */
    private static long cancelled(JsonNode cancelAmount) {
        if (!cancelAmount.isNumber()) {
            return 0;
        }
        BigDecimal amount = cancelAmount.decimalValue();
        if (amount.signum() <= 0) {
            return 0;
        }
        if (amount.compareTo(BigDecimal.ONE) <= 0) {
            return 1;
        }
        if (amount.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
            return Long.MAX_VALUE;
        }
        return amount.setScale(0, RoundingMode.UP).longValueExact();
    }

    /** Orders are due in won: 4,000 of another currency is not the 4,000 won due (a payment without one is in won). */
    private static boolean inWon(JsonNode payment) {
        return !payment.hasNonNull("currency")
                || AsciiCase.equalsIgnoringCase("KRW", payment.path("currency").asText());
    }

    /** KRW has no minor unit: a fraction or a number past {@code long} is no amount any order can be due. */
    private static long wholeAmount(JsonNode amount) {
        if (amount.canConvertToExactIntegral() && amount.canConvertToLong()) {
            return amount.asLong();
        }
        return ProviderPayment.NOT_A_WHOLE_AMOUNT;
    }

    @Override
    public void cancel(String paymentId, String reason) {
        Answer answer = withToken(access -> http.post()
                .uri("/payments/cancel")
                .header(HttpHeaders.AUTHORIZATION, access)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("imp_uid", paymentId, "reason", reason))
                .exchange((request, response) -> Answer.of(response.getStatusCode(), readBody(response))));
        if (answer.body() != null && answer.body().path("code").asInt(-1) == 0) {
            return;
        }
        // PortOne answers a cancel of a payment it cancelled already with an error code: look before failing.
        boolean cancelled = find(paymentId)
                .map(payment -> payment.status() == ProviderPaymentStatus.CANCELLED)
                .orElse(false);
        if (cancelled) {
            return;
        }
        if (answered(answer)) {
            // up and answering, and it said no: a refusal to show, not an outage to wait out
            String message = Text.sanitized(answer.body().path("message").asText(""), MAX_MESSAGE_LENGTH);
            throw new CancelRefused(
                    paymentId,
                    message.isBlank()
                            ? "PortOne refused with code "
                                    + answer.body().path("code").asInt()
                            : message);
        }
        throw unavailable("PortOne did not cancel payment " + paymentId + ": " + answer.status());
    }

    /** PortOne's own envelope with its result code: PortOne, not a proxy or a maintenance page, answered. */
    private static boolean answered(Answer answer) {
        return answer.status().is2xxSuccessful()
                && answer.body() != null
                && answer.body().isObject()
                && answer.body().path("code").canConvertToInt();
    }

    private Answer withToken(Call call) {
        Answer answer = send(call, token(false));
        if (answer.status().value() == 401) {
            answer = send(call, token(true));
        }
        if (answer.status().is5xxServerError() || answer.status().value() == 401) {
            throw unavailable("PortOne answered " + answer.status());
        }
        return answer;
    }

    private Answer send(Call call, String access) {
        try {
            return call.send(access);
        } catch (RestClientException | UncheckedIOException e) {
            // the client is told no more: the message names the provider's address
            log.warn("PortOne cannot be reached: {}", e.toString());
            throw unavailable("PortOne cannot be reached");
        }
    }

    /**
     * The cached token, renewed by one caller at a time. Callers that waited while a renewal failed fail at once rather
     * than each trying again in turn: ten webhooks behind a PortOne that took its 5 s to refuse a token had answered
     * one after another, the last after a minute.
     */
    private String token(boolean renew) {
        if (properties.apiKey().isBlank() || properties.apiSecret().isBlank()) {
            // nothing to buy a token with: every call answered as PortOne not answering, without asking it (an
            // anonymous webhook had made the node ask PortOne for a token with an empty key and secret)
            throw unavailable("PortOne is not configured (no REST API key and secret)");
        }
        Instant asked = Instant.now();
        renewing.lock();
        try {
            if (lastFailedRenewal.isAfter(asked)) {
                throw unavailable("PortOne gave no access token");
            }
            try {
                return renewedIfDue(renew);
            } catch (BusinessException failed) {
                lastFailedRenewal = Instant.now();
                throw failed;
            }
        } finally {
            renewing.unlock();
        }
    }

    private String renewedIfDue(boolean renew) {
        if (renew || token == null || !Instant.now().isBefore(token.renewAt())) {
            token = null;
            Answer answer = send(
                    ignored -> http.post()
                            .uri("/users/getToken")
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(Map.of("imp_key", properties.apiKey(), "imp_secret", properties.apiSecret()))
                            .exchange((request, response) -> Answer.of(response.getStatusCode(), readBody(response))),
                    null);
            JsonNode response = answer.body() == null ? null : answer.body().path("response");
            if (answer.body() == null
                    || answer.body().path("code").asInt(-1) != 0
                    || !response.path("access_token").isTextual()
                    || response.path("access_token").asText().isBlank()) {
                log.error("PortOne refused the REST API key and secret ({})", answer.status());
                throw unavailable("PortOne gave no access token");
            }
            token = new AccessToken(response.get("access_token").asText(), renewalDue(response.path("expired_at")));
        }
        return token.value();
    }

    /**
     * When a token expiring at {@code expiredAt} (epoch seconds) is to be renewed. An expiry that is no instant (past
     * the range of {@link Instant}, a fraction of one, not a number) makes the answer unusable like any other token
     * answer without a token: 503, never an exception blamed on the notification.
     */
    private static Instant renewalDue(JsonNode expiredAt) {
        if (!expiredAt.isNumber() || !expiredAt.canConvertToExactIntegral() || !expiredAt.canConvertToLong()) {
            log.error("PortOne gave a token with an expiry that is no instant: {}", expiredAt);
            throw unavailable("PortOne gave no usable access token");
        }
        try {
            return Instant.ofEpochSecond(expiredAt.asLong()).minus(RENEW_BEFORE);
        } catch (DateTimeException | ArithmeticException outOfRange) {
            log.error("PortOne gave a token with an expiry that is no instant: {}", expiredAt);
            throw unavailable("PortOne gave no usable access token");
        }
    }

    private JsonNode readBody(ClientHttpResponse response) {
        try {
            byte[] bytes = response.getBody().readAllBytes();
            return bytes.length == 0 ? null : exactNumbers.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private static BusinessException unavailable(String why) {
        return new BusinessException(
                StoreError.PAYMENT_PROVIDER_UNAVAILABLE, "The payment provider is unavailable: %s", why);
    }

    @FunctionalInterface
    private interface Call {
        Answer send(String accessToken);
    }

    private record Answer(HttpStatusCode status, JsonNode body) {
        static Answer of(HttpStatusCode status, JsonNode body) {
            return new Answer(status, body);
        }
    }

    private record AccessToken(String value, Instant renewAt) {}
}

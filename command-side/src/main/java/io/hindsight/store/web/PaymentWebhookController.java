package io.hindsight.store.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hindsight.command.CommandRole;
import io.hindsight.common.PublicEndpoint;
import io.hindsight.store.PaymentWebhook;
import io.hindsight.store.api.PaymentOutcome;
import io.hindsight.store.api.StoreRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@CommandRole
@RestController
public class PaymentWebhookController {

    private final PaymentWebhook webhook;

    public PaymentWebhookController(PaymentWebhook webhook) {
        this.webhook = webhook;
    }

    /**
     * PortOne's payment notification. Only {@code imp_uid} is used, to look the payment up at PortOne; the
     * {@code merchant_uid} and {@code status} of the body are checked for shape and otherwise ignored.
     */
    @PublicEndpoint(ignoresToken = true)
    @PostMapping("/api/payments/webhook")
    public WebhookAnswer receive(@Valid @RequestBody WebhookBody body) {
        return new WebhookAnswer(webhook.receive(body.impUid()));
    }

    /** An id of dots alone would be a path step ("..") in the provider's URL, where it is looked up with the token. */
    public record WebhookBody(
            @JsonProperty("imp_uid")
            @NotBlank @Size(max = StoreRules.MAX_PAYMENT_ID_LENGTH) @Pattern(regexp = "(?!\\.+$)[A-Za-z0-9_.:-]+")
            String impUid,

            @JsonProperty("merchant_uid") @Size(max = 200) String merchantUid,

            @Size(max = 40) String status) {}

    public record WebhookAnswer(PaymentOutcome outcome) {}
}

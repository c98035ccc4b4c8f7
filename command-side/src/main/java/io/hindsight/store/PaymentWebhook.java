package io.hindsight.store;

import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.common.BusinessException;
import io.hindsight.store.api.PaymentOutcome;
import io.hindsight.store.api.ProviderPayment;
import io.hindsight.store.api.StoreError;
import io.hindsight.store.api.StoreOrderId;
import io.hindsight.store.api.VerifyPayment;
import io.hindsight.store.payment.PaymentProvider;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A payment notification from the provider. Its body is never trusted: only the payment id is taken from it, and
 * the provider's own record of that payment decides which order it is for, how much was paid and whether it was.
 * A forged notification can therefore only make us look at a payment the provider really holds - for the order
 * the provider says. When the provider cannot be asked, nothing is decided and the notification fails with 503,
 * so that the provider sends it again.
 */
@CommandRole
@Service
public class PaymentWebhook {

    /** The actor recorded on what a payment notification changes. */
    public static final String PROVIDER_ACTOR = "payment-provider";

    private final PaymentProvider provider;
    private final Commands commands;

    public PaymentWebhook(PaymentProvider provider, Commands commands) {
        this.provider = provider;
        this.commands = commands;
    }

    public PaymentOutcome receive(String paymentId) {
        Optional<ProviderPayment> payment = provider.find(paymentId);
        if (payment.isEmpty() || !paymentId.equals(payment.get().paymentId())) {
            return PaymentOutcome.IGNORED;
        }
        Optional<StoreOrderId> orderId = StoreOrderId.parse(payment.get().merchantUid());
        if (orderId.isEmpty()) {
            return PaymentOutcome.IGNORED;
        }
        try {
            return commands.sendAs(PROVIDER_ACTOR, new VerifyPayment(orderId.get(), payment.get()));
        } catch (BusinessException unknownOrder) {
            if (unknownOrder.code() == StoreError.STORE_ORDER_NOT_FOUND) {
                return PaymentOutcome.IGNORED;
            }
            throw unknownOrder;
        }
    }
}

package io.hindsight.store;

import io.hindsight.account.api.Role;
import io.hindsight.command.AccountLeaving;
import io.hindsight.store.api.CloseStore;
import io.hindsight.store.api.RecipientLeft;
import io.hindsight.store.guard.StoreCatalog;
import io.hindsight.store.guard.UnusedCoupons;
import io.hindsight.store.payment.PortOneProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StoreProperties.class, PortOneProperties.class})
public class StoreConfiguration {

    /**
     * A resigning merchant's stores close, as do those of a merchant an ADMIN takes MERCHANT from: nobody is left to
     * accept, reject or complete their orders. An order waiting for its payment meanwhile is refused when the payment
     * comes (and the payment cancelled); orders already placed are rejected by an ADMIN, which refunds them.
     */
    @Bean
    AccountLeaving merchantLeaving(StoreCatalog catalog) {
        return AccountLeaving.forEach(Role.MERCHANT, catalog::openStoresOf, CloseStore::new);
    }

    /**
     * A resigning recipient's unused coupons are withdrawn and their paid gifts refunded at once: nobody can use them,
     * and the givers' money would otherwise wait for them to expire.
     */
    @Bean
    AccountLeaving recipientLeaving(UnusedCoupons coupons) {
        return AccountLeaving.forEach(coupons::of, RecipientLeft::new);
    }
}

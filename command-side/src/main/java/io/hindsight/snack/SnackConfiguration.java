package io.hindsight.snack;

import io.hindsight.command.AccountLeaving;
import io.hindsight.snack.api.RequesterLeft;
import io.hindsight.snack.guard.UnshippedSnackRequests;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SnackConfiguration {

    /**
     * A resigning member's orders nobody has acted on yet are canceled, so their snacks can be requested by others
     * (a snack is in one unshipped order at most); orders an ADMIN approved go on.
     */
    @Bean
    AccountLeaving requesterLeaving(UnshippedSnackRequests requests) {
        return AccountLeaving.forEach(requests::unshippedOrdersOf, RequesterLeft::new);
    }
}

package io.hindsight.booking;

import io.hindsight.account.api.Role;
import io.hindsight.booking.api.UnlistSpace;
import io.hindsight.booking.guard.SpaceTerms;
import io.hindsight.command.AccountLeaving;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BookingProperties.class)
public class BookingConfiguration {

    /**
     * A resigning host's spaces, and those of a host an ADMIN takes HOST from, leave the lists and take no more
     * bookings; bookings made stay the guests'.
     */
    @Bean
    AccountLeaving hostLeaving(SpaceTerms terms) {
        return AccountLeaving.forEach(Role.HOST, terms::listedSpacesOf, UnlistSpace::new);
    }
}

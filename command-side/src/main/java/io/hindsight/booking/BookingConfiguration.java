package io.hindsight.booking;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.Role;
import io.hindsight.booking.api.UnlistSpace;
import io.hindsight.booking.guard.HostBookings;
import io.hindsight.booking.guard.SpaceTerms;
import io.hindsight.command.AccountLeaving;
import io.hindsight.command.Commands;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

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

    /**
     * A host cannot resign while a booking of theirs, PENDING or CONFIRMED, is dated today or later (in the booking
     * zone): 409 HOST_HAS_BOOKINGS. Once resigned they could not pay a guest back (resigning needs an empty wallet,
     * and nobody pays into a resigned one), so the guest's cancellation would be refused for good. The host cancels
     * them first, refunding the guests. The rows of the host's listed spaces' terms are locked first, as a booking
     * being placed holds them shared: it is waited for and seen, or comes after and finds its space unlisted. A host
     * who only loses HOST keeps their wallet and can still pay back, so a role change does not ask. It runs first of
     * the wind-ups, so a host whose booking still holds money toward their wallet is told of the booking rather than
     * WALLET_NOT_EMPTY, and the terms rows are locked before any wallet, in the order a booking takes them.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    AccountLeaving hostWithBookingsLeaving(SpaceTerms terms, HostBookings bookings, BookingProperties policy) {
        return new AccountLeaving() {
            @Override
            public void leaving(AccountId accountId, Commands commands) {
                terms.listedSpacesOf(accountId);
                bookings.noneToComeOrRefuse(accountId, policy.window().today(GenericEventMessage.clock.instant()));
            }

            @Override
            public boolean needs(Role role) {
                return false;
            }
        };
    }
}

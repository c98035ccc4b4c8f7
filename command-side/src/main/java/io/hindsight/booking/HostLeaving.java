package io.hindsight.booking;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.UnlistSpace;
import io.hindsight.booking.guard.SpaceTerms;
import io.hindsight.command.AccountLeaving;
import io.hindsight.command.Commands;
import org.springframework.stereotype.Component;

/** A resigning host's spaces leave the lists and take no more bookings; bookings already made stay the guests'. */
@Component
class HostLeaving implements AccountLeaving {

    private final SpaceTerms terms;

    HostLeaving(SpaceTerms terms) {
        this.terms = terms;
    }

    @Override
    public void leaving(AccountId accountId, Commands commands) {
        terms.listedSpacesOf(accountId).forEach(space -> commands.send(new UnlistSpace(space, accountId)));
    }
}

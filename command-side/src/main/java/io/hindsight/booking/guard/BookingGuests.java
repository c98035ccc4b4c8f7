package io.hindsight.booking.guard;

import io.hindsight.account.CredentialStore;
import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.BookingId;
import io.hindsight.common.BusinessException;
import org.springframework.stereotype.Repository;

/**
 * A paid booking is paid back into its guest's wallet, so it is cancelled only while the guest is still a member: a
 * resigned account's wallet is one nobody can ever withdraw from (resigning requires an empty one), and a refund there
 * would leave the money with nobody.
 */
@Repository
public class BookingGuests {

    private final CredentialStore credentials;

    public BookingGuests(CredentialStore credentials) {
        this.credentials = credentials;
    }

    /**
     * Share-locks the guest's credentials row, which a resignation updates first: a resignation at the same moment
     * either comes wholly before the refund (which is then refused) or after it (and finds the wallet not empty).
     */
    public void stillHereOrRefuse(AccountId guest, BookingId booking) {
        if (!credentials.activeUnderShareLock(guest)) {
            throw new BusinessException(
                    BookingError.GUEST_LEFT,
                    "Cannot cancel booking %s: it was paid by a guest who has left, and nobody could receive its"
                            + " refund",
                    booking);
        }
    }
}

package io.hindsight.account;

import io.hindsight.account.api.AccountResigned;
import io.hindsight.account.api.AccountSignedUp;
import io.hindsight.account.api.RolesChanged;
import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import java.util.Optional;

/** The account view as a fold of the account's events; events it does not know leave it as it is. */
public final class AccountFold implements Fold<AccountView> {

    @Override
    public AccountView apply(AccountView view, RecordedEvent event) {
        Object payload = event.payload();
        Optional<ProfileVersion> version = ProfileVersion.of(event);
        if (payload instanceof AccountSignedUp signedUp) {
            return new AccountView(
                    signedUp.accountId().value(),
                    signedUp.email(),
                    signedUp.roles(),
                    signedUp.signUpMethod(),
                    signedUp.socialProvider(),
                    event.timestamp(),
                    null,
                    ProfilePoints.NONE.with(version.orElseThrow()));
        }
        if (view == null) {
            return null;
        }
        if (version.isPresent()) {
            return view.with(view.profile().with(version.get()), view.roles(), view.resignedAt());
        }
        if (payload instanceof RolesChanged rolesChanged) {
            return view.with(view.profile(), rolesChanged.roles(), view.resignedAt());
        }
        if (payload instanceof AccountResigned) {
            return view.with(view.profile(), view.roles(), event.timestamp());
        }
        return view;
    }
}

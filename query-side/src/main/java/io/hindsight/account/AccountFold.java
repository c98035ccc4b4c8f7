package io.hindsight.account;

import io.hindsight.account.api.AccountResigned;
import io.hindsight.account.api.AccountSignedUp;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileCorrected;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.RolesChanged;
import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The account view as a fold of the account's events. */
public final class AccountFold implements Fold<AccountView> {

    @Override
    public AccountView apply(AccountView view, RecordedEvent event) {
        Object payload = event.payload();
        if (payload instanceof AccountSignedUp signedUp) {
            ProfileFields profile = signedUp.profile();
            return new AccountView(
                    signedUp.accountId().value(),
                    signedUp.email(),
                    signedUp.roles(),
                    signedUp.signUpMethod(),
                    signedUp.socialProvider(),
                    event.timestamp(),
                    null,
                    List.of(version(event, event.timestamp(), ProfileVersion.Kind.SIGN_UP, profile)));
        }
        if (payload instanceof ProfileChanged changed) {
            return view.with(
                    append(
                            view,
                            version(event, changed.effectiveFrom(), ProfileVersion.Kind.CHANGE, changed.changes())),
                    view.roles(),
                    view.resignedAt());
        }
        if (payload instanceof ProfileCorrected corrected) {
            return view.with(
                    append(
                            view,
                            version(
                                    event,
                                    corrected.effectiveFrom(),
                                    ProfileVersion.Kind.CORRECTION,
                                    corrected.changes())),
                    view.roles(),
                    view.resignedAt());
        }
        if (payload instanceof RolesChanged rolesChanged) {
            return view.with(view.timeline(), rolesChanged.roles(), view.resignedAt());
        }
        if (payload instanceof AccountResigned) {
            return view.with(view.timeline(), view.roles(), event.timestamp());
        }
        return view;
    }

    private static ProfileVersion version(
            RecordedEvent event, Instant effectiveFrom, ProfileVersion.Kind kind, ProfileFields fields) {
        return new ProfileVersion(
                effectiveFrom,
                event.timestamp(),
                event.actorId(),
                kind,
                fields.name(),
                fields.nickname(),
                fields.gender());
    }

    private static List<ProfileVersion> append(AccountView view, ProfileVersion version) {
        List<ProfileVersion> timeline = new ArrayList<>(view.timeline());
        timeline.add(version);
        return timeline;
    }
}

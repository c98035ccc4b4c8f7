package io.hindsight.snack;

import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.snack.api.SnackCorrected;
import io.hindsight.snack.api.SnackRegistered;
import io.hindsight.snack.api.SnackRetired;

/** The snack view as a fold of the snack's events. */
public final class SnackFold implements Fold<SnackView> {

    @Override
    public SnackView apply(SnackView view, RecordedEvent event) {
        if (event.payload() instanceof SnackRegistered registered) {
            return new SnackView(
                    registered.snackId().value(),
                    registered.name(),
                    registered.url(),
                    registered.description(),
                    registered.imageUrl(),
                    registered.price(),
                    registered.currency(),
                    registered.registeredBy() == null
                            ? event.actorId()
                            : registered.registeredBy().value(),
                    event.timestamp(),
                    null);
        }
        if (event.payload() instanceof SnackCorrected corrected) {
            return view.corrected(corrected.price(), corrected.url(), corrected.description(), corrected.imageUrl());
        }
        if (event.payload() instanceof SnackRetired) {
            return view.retiredAt(event.timestamp());
        }
        return view;
    }
}

package io.hindsight.snack.api;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;

/** A command to an existing snack; an unknown one is answered SNACK_NOT_FOUND. */
public sealed interface SnackCommand extends ToExistingAggregate permits CorrectSnack, RetireSnack {

    SnackId snackId();

    @Override
    default BusinessException notFound() {
        return new BusinessException(SnackError.SNACK_NOT_FOUND, "No snack %s", snackId());
    }
}

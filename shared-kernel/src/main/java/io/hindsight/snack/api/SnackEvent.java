package io.hindsight.snack.api;

/** Everything that can happen to a snack itself. */
public sealed interface SnackEvent permits SnackRegistered, SnackCorrected, SnackRetired {

    SnackId snackId();
}

package io.hindsight.snack.api;

import org.axonframework.serialization.Revision;

/** An ADMIN retired the snack: it can no longer be requested. */
@Revision("1")
public record SnackRetired(SnackId snackId) implements SnackEvent {}

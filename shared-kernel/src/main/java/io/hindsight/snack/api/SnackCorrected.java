package io.hindsight.snack.api;

import org.axonframework.serialization.Revision;

/** A snack's price, link, description or image was corrected; the event holds all four as they are now. */
@Revision("1")
public record SnackCorrected(SnackId snackId, long price, String url, String description, String imageUrl)
        implements SnackEvent {}

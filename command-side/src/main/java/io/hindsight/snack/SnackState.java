package io.hindsight.snack;

/** A snack as the command side knows it right after a correction or retirement, returned to the caller. */
public record SnackState(
        String snackId, String url, String description, String imageUrl, long price, boolean retired) {}

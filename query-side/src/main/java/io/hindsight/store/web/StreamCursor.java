package io.hindsight.store.web;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;

/** Where a live stream resumes: after {@code Last-Event-ID} when the client sends one, else after {@code after}. */
final class StreamCursor {

    private StreamCursor() {}

    static Long of(String lastEventId, Long after) {
        Long from = after;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                from = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw new BusinessException(CommonError.VALIDATION_FAILED, "Last-Event-ID must be a message id");
            }
        }
        if (from != null && from < 0) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A message id is not negative");
        }
        return from;
    }
}

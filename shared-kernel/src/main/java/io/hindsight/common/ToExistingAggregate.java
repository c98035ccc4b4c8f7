package io.hindsight.common;

/**
 * A command to an aggregate that must already exist; each aggregate's commands say once, in their
 * context's words, how "there is no such aggregate" is answered.
 */
public interface ToExistingAggregate {

    BusinessException notFound();
}

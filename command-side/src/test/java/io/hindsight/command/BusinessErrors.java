package io.hindsight.command;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ErrorCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link BusinessException} by its error code, which is what clients see. */
public final class BusinessErrors {

    private BusinessErrors() {}

    public static Matcher<BusinessException> withCode(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(BusinessException e) {
                return e.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a BusinessException with code ").appendValue(code);
            }

            @Override
            protected void describeMismatchSafely(BusinessException e, Description mismatch) {
                mismatch.appendText("had code ")
                        .appendValue(e.code())
                        .appendText(": ")
                        .appendText(e.getMessage());
            }
        };
    }
}

package io.hindsight.account.api;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;

/** A command to an existing account; an unknown one is answered ACCOUNT_NOT_FOUND. */
public sealed interface AccountCommand extends ToExistingAggregate
        permits ChangeProfile,
                CorrectProfile,
                ChangePassword,
                ChangeRoles,
                Resign,
                LinkSocialIdentity,
                RecordAccountAccess {

    AccountId accountId();

    @Override
    default BusinessException notFound() {
        return new BusinessException(AccountError.ACCOUNT_NOT_FOUND, "No account %s", accountId());
    }
}

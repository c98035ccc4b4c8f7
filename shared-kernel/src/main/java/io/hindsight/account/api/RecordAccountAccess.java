package io.hindsight.account.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a fact about access to an account (see {@link AccountAccessEvent}) in its history. */
public record RecordAccountAccess(@TargetAggregateIdentifier AccountId accountId, AccountAccessEvent event)
        implements AccountCommand {

    public RecordAccountAccess {
        if (!event.accountId().equals(accountId)) {
            throw new IllegalArgumentException("The access event must be of account " + accountId);
        }
    }

    public RecordAccountAccess(AccountAccessEvent event) {
        this(event.accountId(), event);
    }
}

package io.hindsight.command;

import io.hindsight.account.api.AccountId;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a context winds up, in the resignation's own transaction, of what a resigning account runs there: a store
 * stops taking orders, a space stops taking bookings, a campaign still taking money is withdrawn and refunded. The
 * account context runs every one of them ({@link LeavingAccounts}) without knowing the others.
 */
public interface AccountLeaving {

    void leaving(AccountId accountId, Commands commands);

    /** Sends {@code command} for each of the objects {@code owned} names for the leaving account. */
    static <T> AccountLeaving forEach(Function<AccountId, List<T>> owned, BiFunction<T, AccountId, Object> command) {
        return (accountId, commands) ->
                owned.apply(accountId).forEach(object -> commands.send(command.apply(object, accountId)));
    }
}

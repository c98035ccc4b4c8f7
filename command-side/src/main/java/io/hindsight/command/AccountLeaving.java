package io.hindsight.command;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.Role;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a context winds up, in the resignation's own transaction, of what a resigning account runs there: a store
 * stops taking orders, a space stops taking bookings, a campaign still taking money is withdrawn and refunded. The
 * account context runs every one of them ({@link LeavingAccounts}) without knowing the others. What needs its account
 * to hold a role to go on (a store's orders wait for its merchant) is wound up the same way when an ADMIN takes that
 * role away.
 */
public interface AccountLeaving {

    void leaving(AccountId accountId, Commands commands);

    /** Whether what this winds up cannot go on once its account has lost {@code role}. */
    boolean needs(Role role);

    /** Sends {@code command} for each of the objects {@code owned} names for the leaving account. */
    static <T> AccountLeaving forEach(Function<AccountId, List<T>> owned, BiFunction<T, AccountId, Object> command) {
        return new ForEach<>(Set.of(), owned, command);
    }

    /** As {@link #forEach(Function, BiFunction)}, also for an account that loses {@code needed}. */
    static <T> AccountLeaving forEach(
            Role needed, Function<AccountId, List<T>> owned, BiFunction<T, AccountId, Object> command) {
        return new ForEach<>(Set.of(needed), owned, command);
    }

    record ForEach<T>(Set<Role> needed, Function<AccountId, List<T>> owned, BiFunction<T, AccountId, Object> command)
            implements AccountLeaving {

        @Override
        public void leaving(AccountId accountId, Commands commands) {
            owned.apply(accountId).forEach(object -> commands.send(command.apply(object, accountId)));
        }

        @Override
        public boolean needs(Role role) {
            return needed.contains(role);
        }
    }
}

package io.hindsight.command;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.Role;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Every context's {@link AccountLeaving}, run by the account's resignation before it is recorded, and by a role
 * change for what needs a role the account loses.
 */
@Component
public class LeavingAccounts {

    private final List<AccountLeaving> contexts;

    public LeavingAccounts(List<AccountLeaving> contexts) {
        this.contexts = List.copyOf(contexts);
    }

    public void windUp(AccountId accountId, Commands commands) {
        contexts.forEach(context -> context.leaving(accountId, commands));
    }

    public void windUpWithout(Set<Role> lost, AccountId accountId, Commands commands) {
        contexts.stream()
                .filter(context -> lost.stream().anyMatch(context::needs))
                .forEach(context -> context.leaving(accountId, commands));
    }
}

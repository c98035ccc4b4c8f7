package io.hindsight.command;

import io.hindsight.account.api.AccountId;
import java.util.List;
import org.springframework.stereotype.Component;

/** Every context's {@link AccountLeaving}, run by the account's resignation before it is recorded. */
@Component
public class LeavingAccounts {

    private final List<AccountLeaving> contexts;

    public LeavingAccounts(List<AccountLeaving> contexts) {
        this.contexts = List.copyOf(contexts);
    }

    public void windUp(AccountId accountId, Commands commands) {
        contexts.forEach(context -> context.leaving(accountId, commands));
    }
}

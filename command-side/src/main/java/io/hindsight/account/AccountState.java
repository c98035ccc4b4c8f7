package io.hindsight.account;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.Gender;
import io.hindsight.account.api.Role;
import java.time.Instant;
import java.util.Set;

/** The account as the command side knows it right after a command, returned to the caller. */
public record AccountState(
        AccountId accountId,
        String email,
        String name,
        String nickname,
        Gender gender,
        Set<Role> roles,
        Instant signedUpAt,
        String status,
        Instant resignedAt) {}

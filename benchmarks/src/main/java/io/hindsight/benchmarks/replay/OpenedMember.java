package io.hindsight.benchmarks.replay;

import io.hindsight.account.AuthService;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Role;
import io.hindsight.account.api.SignUp;
import io.hindsight.account.api.SignUpMethod;
import io.hindsight.benchmarks.InProcessApp;
import io.hindsight.command.Commands;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A member the in-process benchmarks open with the sign-up command, and its access token. */
record OpenedMember(AccountId id, String accessToken) {

    static OpenedMember open(InProcessApp app, String emailPrefix, String name) {
        AccountId id = AccountId.newId();
        app.bean(Commands.class)
                .sendAs(
                        id.value(),
                        new SignUp(
                                id,
                                emailPrefix + "-" + id.value() + "@bench.hindsight.test",
                                app.bean(PasswordEncoder.class).encode("bench-password"),
                                new ProfileFields(name, null, null),
                                Set.of(Role.MEMBER),
                                SignUpMethod.PASSWORD,
                                null));
        return new OpenedMember(
                id, app.bean(AuthService.class).logInVerified(id).accessToken());
    }
}

package io.hindsight.account;

import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Role;
import io.hindsight.account.api.SignUp;
import io.hindsight.account.api.SignUpMethod;
import io.hindsight.account.guard.EmailRegistry;
import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.common.MetadataKeys;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Creates the configured first ADMIN through the normal command path, so it has a history like anyone. */
@CommandRole
@Component
public class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final BootstrapAdminProperties properties;
    private final EmailRegistry emails;
    private final PasswordEncoder passwordEncoder;
    private final AuthService auth;

    public BootstrapAdmin(
            BootstrapAdminProperties properties,
            EmailRegistry emails,
            PasswordEncoder passwordEncoder,
            AuthService auth) {
        this.properties = properties;
        this.emails = emails;
        this.passwordEncoder = passwordEncoder;
        this.auth = auth;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.configured()) {
            log.info("No bootstrap ADMIN configured (HINDSIGHT_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD)");
            return;
        }
        if (emails.isTaken(properties.email())) {
            return;
        }
        AccountId accountId = AccountId.newId();
        try {
            auth.register(
                    new SignUp(
                            accountId,
                            properties.email(),
                            passwordEncoder.encode(properties.password()),
                            new ProfileFields(properties.name(), null, null),
                            Set.of(Role.MEMBER, Role.ADMIN),
                            SignUpMethod.BOOTSTRAP,
                            null),
                    MetadataKeys.SYSTEM_ACTOR);
            log.info("Created the bootstrap ADMIN {} ({})", properties.email(), accountId);
        } catch (BusinessException e) {
            if (e.code() != AccountError.EMAIL_TAKEN) {
                throw e;
            }
        }
    }
}

package io.hindsight.account;

import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.AccountSignedUp;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Role;
import io.hindsight.account.api.SignUp;
import io.hindsight.account.api.SignUpMethod;
import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.common.MetadataKeys;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the configured first ADMIN through the normal command path, so it has a history like anyone. An
 * account that already has the email is accepted only if this created it; any other account with it stops
 * the start-up - it is never promoted, and the configuration is never silently ignored.
 */
@CommandRole
@Component
public class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final BootstrapAdminProperties properties;
    private final CredentialStore credentials;
    private final PasswordEncoder passwordEncoder;
    private final AuthService auth;
    private final EventStore eventStore;

    public BootstrapAdmin(
            BootstrapAdminProperties properties,
            CredentialStore credentials,
            PasswordEncoder passwordEncoder,
            AuthService auth,
            EventStore eventStore) {
        this.properties = properties;
        this.credentials = credentials;
        this.passwordEncoder = passwordEncoder;
        this.auth = auth;
        this.eventStore = eventStore;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.configured()) {
            log.info("No bootstrap ADMIN configured (HINDSIGHT_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD)");
            return;
        }
        if (credentials.findByEmail(properties.email()).isPresent()) {
            requireCreatedAsBootstrapAdmin();
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
            requireCreatedAsBootstrapAdmin(); // another node starting at the same time, or a member signing up
        }
    }

    private void requireCreatedAsBootstrapAdmin() {
        AccountId existing = credentials
                .findByEmail(properties.email())
                .orElseThrow(() -> conflict("an account whose credentials vanished", null))
                .accountId();
        SignUpMethod method = eventStore
                .readEvents(existing.value(), 0)
                .asStream()
                .findFirst()
                .map(event -> event.getPayload() instanceof AccountSignedUp signedUp ? signedUp.signUpMethod() : null)
                .orElse(null);
        if (method != SignUpMethod.BOOTSTRAP) {
            throw conflict("account " + existing + ", which signed up by " + method, existing);
        }
        log.info("The bootstrap ADMIN {} exists ({})", properties.email(), existing);
    }

    private IllegalStateException conflict(String owner, AccountId existing) {
        return new IllegalStateException(
                ("HINDSIGHT_BOOTSTRAP_ADMIN_EMAIL is %s, but that email belongs to %s and was not created as the "
                                + "bootstrap ADMIN. Hindsight never makes an existing account ADMIN on its own. Either "
                                + "set HINDSIGHT_BOOTSTRAP_ADMIN_EMAIL to an email no account has (the ADMIN is created "
                                + "at the next start), or, if an ADMIN exists already, unset "
                                + "HINDSIGHT_BOOTSTRAP_ADMIN_EMAIL and _PASSWORD and grant ADMIN to %s with "
                                + "PUT /api/admin/users/{id}/roles.")
                        .formatted(properties.email(), owner, existing == null ? "that account" : existing));
    }
}

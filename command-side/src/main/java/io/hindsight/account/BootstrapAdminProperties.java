package io.hindsight.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The first ADMIN, created at start-up when no account has this email yet. */
@ConfigurationProperties(prefix = "hindsight.bootstrap-admin")
public record BootstrapAdminProperties(String email, String password, String name) {

    public BootstrapAdminProperties {
        name = name == null || name.isBlank() ? "Administrator" : name;
    }

    boolean configured() {
        return email != null && !email.isBlank() && password != null && !password.isBlank();
    }
}

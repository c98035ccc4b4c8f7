package io.hindsight.account;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SecondNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * The configured first ADMIN is created once; an account that has its email but was not created as it stops
 * the start-up with what to do - it is never made ADMIN, and the setting is never silently ignored. (Every
 * other start of a second node in these tests meets the bootstrap ADMIN it created itself, which is fine.)
 */
class BootstrapAdminIT extends IntegrationTest {

    @Autowired
    Environment environment;

    @Test
    void cannotStartWithABootstrapAdminEmailThatAnotherAccountHas() {
        Member member = api.signUp("Not The Admin");

        assertThatThrownBy(() -> SecondNode.start(
                                environment,
                                "hindsight.bootstrap-admin.email="
                                        + member.email().toUpperCase(),
                                "hindsight.bootstrap-admin.password=some-admin-password")
                        .close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "HINDSIGHT_BOOTSTRAP_ADMIN_EMAIL is " + member.email().toUpperCase())
                .hasMessageContaining("account " + member.accountId())
                .hasMessageContaining("was not created as the bootstrap ADMIN")
                .hasMessageContaining("PUT /api/admin/users/{id}/roles");

        api.admin()
                .request()
                .get("/api/admin/users/" + member.accountId())
                .then()
                .statusCode(200)
                .body("roles", contains("MEMBER"));
    }
}

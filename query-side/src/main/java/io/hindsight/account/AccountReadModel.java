package io.hindsight.account;

import io.hindsight.account.api.AccountEvent;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.ReadModels;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AccountReadModel {

    public static final String NAME = "accounts";

    @Bean
    public ReadModel<AccountView> accounts(ReadModels readModels, AccountProfileVersions versions) {
        return readModels
                .define(NAME, AccountEvent.class, AccountView.class, new AccountFold())
                .storedIn("account_view", AccountReadModel::listColumns)
                .audited(AccountReadModel::businessFields)
                .followedBy(versions)
                .build();
    }

    private static Map<String, Object> listColumns(AccountView view) {
        Profile profile = view.profileNow();
        Map<String, Object> columns = new HashMap<>();
        columns.put("email", view.email());
        columns.put("name", profile.name());
        columns.put("nickname", profile.nickname());
        columns.put("signed_up_at", Timestamp.from(view.signedUpAt()));
        columns.put("resigned", view.resigned());
        columns.put("roles", view.roles().stream().map(Enum::name).sorted().toArray(String[]::new));
        return columns;
    }

    /** The account as a user or an auditor thinks of it: the profile in force now, roles and status. */
    private static Map<String, Object> businessFields(AccountView view) {
        Profile profile = view.profileNow();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", view.email());
        fields.put("name", profile.name());
        fields.put("nickname", profile.nickname());
        fields.put("gender", profile.gender());
        fields.put("roles", view.roles());
        fields.put("status", view.resigned() ? "RESIGNED" : "ACTIVE");
        return fields;
    }
}

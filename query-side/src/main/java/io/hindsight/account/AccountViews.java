package io.hindsight.account;

import io.hindsight.projection.ViewDefinition;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AccountViews {

    public static final String AGGREGATE_TYPE = "Account";

    @Bean
    public ViewDefinition<AccountView> accountViewDefinition() {
        return ViewDefinition.of(AGGREGATE_TYPE, AccountView.class, new AccountFold(), "account_view")
                .withColumns(AccountViews::searchColumns);
    }

    private static Map<String, Object> searchColumns(AccountView view) {
        Profile profile = view.profileNow();
        Map<String, Object> columns = new HashMap<>();
        columns.put("email", view.email());
        columns.put("name", profile.name());
        columns.put("nickname", profile.nickname());
        columns.put("signed_up_at", Timestamp.from(view.signedUpAt()));
        columns.put("resigned", view.resigned());
        return columns;
    }
}

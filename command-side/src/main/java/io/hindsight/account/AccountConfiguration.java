package io.hindsight.account;

import io.hindsight.account.token.JwtProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({JwtProperties.class, SocialLoginProperties.class, BootstrapAdminProperties.class})
public class AccountConfiguration {

    @Bean
    public PasswordEncoder passwordEncoder(@Value("${hindsight.security.bcrypt-cost:10}") int cost) {
        return new BcryptPasswords(cost);
    }
}

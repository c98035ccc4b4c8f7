package io.hindsight.account;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt, never below cost 10, and only over what bcrypt reads: 72 bytes. Bean validation counts characters, and
 * 25 Korean syllables are 75 bytes, which Spring's encoder refuses with an exception - once a 500. Such a password
 * is a 400 where one is set and can never match where one is checked.
 */
public final class BcryptPasswords implements PasswordEncoder {

    public static final int MAX_BYTES = 72;

    private final BCryptPasswordEncoder bcrypt;

    public BcryptPasswords(int cost) {
        this.bcrypt = new BCryptPasswordEncoder(Math.max(10, cost));
    }

    @Override
    public String encode(CharSequence rawPassword) {
        if (tooLong(rawPassword)) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED,
                    "A password holds at most %d bytes in UTF-8: 72 Latin letters or digits, 24 Korean syllables",
                    MAX_BYTES);
        }
        return bcrypt.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return !tooLong(rawPassword) && bcrypt.matches(rawPassword, encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return bcrypt.upgradeEncoding(encodedPassword);
    }

    private static boolean tooLong(CharSequence rawPassword) {
        return rawPassword != null && rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }
}

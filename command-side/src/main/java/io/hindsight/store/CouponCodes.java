package io.hindsight.store;

import io.hindsight.store.api.CouponCode;
import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/** New coupon codes: 128 bits from a SecureRandom, written in base32 (26 characters). */
@Component
public class CouponCodes {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int BITS = 128;

    private final SecureRandom random = new SecureRandom();

    public CouponCode next() {
        byte[] bytes = new byte[BITS / 8];
        random.nextBytes(bytes);
        StringBuilder code = new StringBuilder(26);
        int buffer = 0;
        int bitsLeft = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bitsLeft += 8;
            while (bitsLeft >= 5) {
                code.append(BASE32[(buffer >> (bitsLeft - 5)) & 31]);
                bitsLeft -= 5;
            }
        }
        code.append(BASE32[(buffer << (5 - bitsLeft)) & 31]);
        return new CouponCode(code.toString());
    }
}

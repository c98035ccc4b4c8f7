package io.hindsight.store.guard;

import io.hindsight.account.api.AccountId;
import io.hindsight.store.api.CouponCode;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The coupons not used, expired or withdrawn yet, by recipient ({@code store_unused_coupon}): written as a coupon is
 * issued and let go as it ends, in the same transactions, so that a resigning recipient's coupons can be withdrawn in
 * the resignation's transaction.
 */
@Repository
public class UnusedCoupons {

    private final JdbcClient jdbc;

    public UnusedCoupons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void issued(CouponCode code, AccountId recipientId) {
        jdbc.sql("INSERT INTO store_unused_coupon (code, recipient_id) VALUES (:code, :recipient)")
                .param("code", code.value())
                .param("recipient", recipientId.value())
                .update();
    }

    public void ended(CouponCode code) {
        jdbc.sql("DELETE FROM store_unused_coupon WHERE code = :code")
                .param("code", code.value())
                .update();
    }

    /** The recipient's unused coupons, in code order. */
    public List<CouponCode> of(AccountId recipientId) {
        return jdbc.sql("SELECT code FROM store_unused_coupon WHERE recipient_id = :recipient ORDER BY code")
                .param("recipient", recipientId.value())
                .query((rs, n) -> new CouponCode(rs.getString("code")))
                .list();
    }
}

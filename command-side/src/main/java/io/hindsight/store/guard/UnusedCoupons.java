package io.hindsight.store.guard;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.WriterFirstLocks;
import io.hindsight.common.BusinessException;
import io.hindsight.store.api.CouponCode;
import io.hindsight.store.api.StoreError;
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
    private final WriterFirstLocks locks;

    public UnusedCoupons(JdbcClient jdbc, WriterFirstLocks locks) {
        this.jdbc = jdbc;
        this.locks = locks;
    }

    public void issued(CouponCode code, AccountId recipientId, AccountId giverId, boolean free) {
        jdbc.sql("INSERT INTO store_unused_coupon (code, recipient_id, giver_id, free)"
                        + " VALUES (:code, :recipient, :giver, :free)")
                .param("code", code.value())
                .param("recipient", recipientId.value())
                .param("giver", giverId.value())
                .param("free", free)
                .update();
    }

    /**
     * Refuses a free gift while its giver holds {@code limit} unused free coupons out to its recipient: a free gift
     * costs nothing, and each is a notification and a coupon the recipient cannot refuse. Gifts of one giver to one
     * recipient take their turn under a lock held to commit, where the coupon is issued, so gifts racing on several
     * nodes never pass the limit together.
     */
    public void refuseFreeGiftBeyond(AccountId giverId, AccountId recipientId, int limit) {
        locks.beforeWriting("free-gifts", giverId.value() + ":" + recipientId.value());
        long unused = jdbc.sql("SELECT count(*) FROM store_unused_coupon"
                        + " WHERE giver_id = :giver AND recipient_id = :recipient AND free")
                .param("giver", giverId.value())
                .param("recipient", recipientId.value())
                .query(Long.class)
                .single();
        if (unused >= limit) {
            throw new BusinessException(
                    StoreError.FREE_GIFT_LIMIT_REACHED,
                    "%d free gifts of yours to this user are unused; one must be used or expire before another",
                    unused);
        }
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

package io.hindsight.store;

import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.Where;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.store.api.StoreError;
import io.hindsight.store.api.StoreOrderId;
import io.hindsight.store.api.StoreOrderStatus;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** Reads of orders: one order now or as of an instant, a customer's orders, a store's orders. */
@Service
public class StoreOrderQueries {

    private static final String NEWEST_FIRST = "created_at DESC, aggregate_id";

    private final ReadModel<StoreOrderView> orders;

    public StoreOrderQueries(ReadModel<StoreOrderView> orders) {
        this.orders = orders;
    }

    /** The order for its customer, its store's merchant, an ADMIN or an AUDITOR; anyone else gets a 404. */
    public StoreOrderView visibleTo(String orderId, AuthenticatedAccount caller, Instant asOf) {
        // the command side takes an id in any letter case, so the reads do too
        StoreOrderView order = orders.find(
                        StoreOrderId.parse(orderId).map(StoreOrderId::value).orElse(orderId), asOf)
                .orElseThrow(() -> notFound(orderId));
        String me = caller.accountId().value();
        if (!caller.canAudit()
                && !order.customerId().equals(me)
                && !order.merchantId().equals(me)) {
            throw notFound(orderId);
        }
        return order;
    }

    public Page<StoreOrderView> ofCustomer(String customerId, StoreOrderStatus status, Paging paging) {
        return orders.page(inStatus(Where.is("customer_id", customerId), status), NEWEST_FIRST, paging);
    }

    public Page<StoreOrderView> ofStore(String storeId, StoreOrderStatus status, Paging paging) {
        return orders.page(
                inStatus(Where.is("store_id", StoreQueries.canonical(storeId)), status), NEWEST_FIRST, paging);
    }

    private static Where inStatus(Where where, StoreOrderStatus status) {
        return status == null ? where : where.and("status", status.name());
    }

    private static BusinessException notFound(String orderId) {
        return new BusinessException(StoreError.STORE_ORDER_NOT_FOUND, "There is no store order %s", orderId);
    }
}

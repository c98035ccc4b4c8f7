package io.hindsight.booking.guard;

import io.hindsight.booking.api.BookingError;
import io.hindsight.common.BusinessException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A space refers only to the districts, categories and facilities seeded by Flyway. */
@Repository
public class ReferenceData {

    private final JdbcClient jdbc;

    public ReferenceData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void refuseUnknownCategory(int categoryId) {
        if (!exists("SELECT count(*) FROM booking_category WHERE category_id = :id", categoryId)) {
            throw new BusinessException(BookingError.UNKNOWN_CATEGORY, "There is no category %d", categoryId);
        }
    }

    public void refuseUnknownDistrict(int districtId) {
        if (!exists("SELECT count(*) FROM booking_district WHERE district_id = :id", districtId)) {
            throw new BusinessException(BookingError.UNKNOWN_DISTRICT, "There is no district %d", districtId);
        }
    }

    public void refuseUnknownFacilities(Collection<Integer> facilityIds) {
        if (facilityIds.isEmpty()) {
            return;
        }
        Set<Integer> known = Set.copyOf(jdbc.sql("SELECT facility_id FROM booking_facility WHERE facility_id IN (:ids)")
                .param("ids", facilityIds)
                .query(Integer.class)
                .list());
        List<Integer> unknown = new ArrayList<>(facilityIds);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new BusinessException(BookingError.UNKNOWN_FACILITY, "There are no facilities %s", unknown);
        }
    }

    private boolean exists(String sql, int id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single() > 0;
    }
}

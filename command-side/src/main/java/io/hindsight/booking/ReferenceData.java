package io.hindsight.booking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The districts, categories and facilities seeded by Flyway, which a space must refer to. */
@Repository
public class ReferenceData {

    private final JdbcClient jdbc;

    public ReferenceData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean districtExists(int districtId) {
        return exists("SELECT count(*) FROM booking_district WHERE district_id = :id", districtId);
    }

    public boolean categoryExists(int categoryId) {
        return exists("SELECT count(*) FROM booking_category WHERE category_id = :id", categoryId);
    }

    /** The ids among {@code facilityIds} that name no facility. */
    public List<Integer> unknownFacilities(Collection<Integer> facilityIds) {
        if (facilityIds.isEmpty()) {
            return List.of();
        }
        Set<Integer> known = Set.copyOf(jdbc.sql("SELECT facility_id FROM booking_facility WHERE facility_id IN (:ids)")
                .param("ids", facilityIds)
                .query(Integer.class)
                .list());
        List<Integer> unknown = new ArrayList<>(facilityIds);
        unknown.removeAll(known);
        return unknown;
    }

    private boolean exists(String sql, int id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single() > 0;
    }
}

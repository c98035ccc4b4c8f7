package io.hindsight.booking;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The districts, categories and facilities seeded by Flyway, as the reads name them. */
@Repository
public class ReferenceLists {

    private final JdbcClient jdbc;

    public ReferenceLists(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<District> districts() {
        return jdbc.sql("SELECT * FROM booking_district ORDER BY district_id")
                .query(ReferenceLists::district)
                .list();
    }

    public List<Category> categories() {
        return jdbc.sql("SELECT * FROM booking_category ORDER BY category_id")
                .query(ReferenceLists::category)
                .list();
    }

    public List<Facility> facilities() {
        return jdbc.sql("SELECT * FROM booking_facility ORDER BY facility_id")
                .query(ReferenceLists::facility)
                .list();
    }

    public Optional<District> district(int districtId) {
        return jdbc.sql("SELECT * FROM booking_district WHERE district_id = :id")
                .param("id", districtId)
                .query(ReferenceLists::district)
                .optional();
    }

    public Optional<Category> category(int categoryId) {
        return jdbc.sql("SELECT * FROM booking_category WHERE category_id = :id")
                .param("id", categoryId)
                .query(ReferenceLists::category)
                .optional();
    }

    public List<Facility> facilities(Collection<Integer> facilityIds) {
        if (facilityIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM booking_facility WHERE facility_id IN (:ids) ORDER BY facility_id")
                .param("ids", facilityIds)
                .query(ReferenceLists::facility)
                .list();
    }

    private static District district(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new District(
                rs.getInt("district_id"),
                rs.getString("name"),
                rs.getString("name_en"),
                rs.getBigDecimal("latitude"),
                rs.getBigDecimal("longitude"));
    }

    private static Category category(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Category(rs.getInt("category_id"), rs.getString("name"), rs.getString("name_en"));
    }

    private static Facility facility(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Facility(rs.getInt("facility_id"), rs.getString("name"), rs.getString("name_en"));
    }

    public record District(int districtId, String name, String nameEn, BigDecimal latitude, BigDecimal longitude) {}

    public record Category(int categoryId, String name, String nameEn) {}

    public record Facility(int facilityId, String name, String nameEn) {}
}

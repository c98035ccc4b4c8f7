package io.hindsight.booking.web;

import io.hindsight.booking.ReferenceLists;
import io.hindsight.booking.ReferenceLists.Category;
import io.hindsight.booking.ReferenceLists.District;
import io.hindsight.booking.ReferenceLists.Facility;
import io.hindsight.common.PublicEndpoint;
import io.hindsight.query.QueryRole;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
@PublicEndpoint
public class ReferenceController {

    private final ReferenceLists reference;

    public ReferenceController(ReferenceLists reference) {
        this.reference = reference;
    }

    @GetMapping("/api/districts")
    public List<District> districts() {
        return reference.districts();
    }

    @GetMapping("/api/categories")
    public List<Category> categories() {
        return reference.categories();
    }

    @GetMapping("/api/facilities")
    public List<Facility> facilities() {
        return reference.facilities();
    }
}

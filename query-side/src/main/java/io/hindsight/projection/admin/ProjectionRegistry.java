package io.hindsight.projection.admin;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.Projection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Every projection of this node by name. */
@Component
public class ProjectionRegistry {

    private final ObjectProvider<Projection> projections;

    public ProjectionRegistry(ObjectProvider<Projection> projections) {
        this.projections = projections;
    }

    public Map<String, Projection> all() {
        Map<String, Projection> byName = new TreeMap<>();
        projections.orderedStream().forEach(p -> byName.put(p.name(), p));
        return byName;
    }

    public Projection get(String name) {
        Projection projection = all().get(name);
        if (projection == null) {
            throw new BusinessException(CommonError.NOT_FOUND, "No projection %s", name);
        }
        return projection;
    }

    public List<String> names() {
        return List.copyOf(all().keySet());
    }
}

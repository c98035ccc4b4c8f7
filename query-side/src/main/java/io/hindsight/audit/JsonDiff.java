package io.hindsight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Field-level differences between two JSON documents, fields named by path (a.b[2].c). */
public final class JsonDiff {

    private JsonDiff() {}

    public static List<Change> between(JsonNode before, JsonNode after) {
        Map<String, JsonNode> was = flatten(before);
        Map<String, JsonNode> now = flatten(after);
        Set<String> fields = new LinkedHashSet<>(was.keySet());
        fields.addAll(now.keySet());
        List<Change> changes = new ArrayList<>();
        for (String field : fields) {
            JsonNode from = was.getOrDefault(field, NullNode.getInstance());
            JsonNode to = now.getOrDefault(field, NullNode.getInstance());
            if (!Objects.equals(from, to)) {
                changes.add(new Change(field, from, to));
            }
        }
        return changes;
    }

    private static Map<String, JsonNode> flatten(JsonNode node) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        flatten("", node == null ? NullNode.getInstance() : node, leaves);
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, JsonNode> leaves) {
        if (node.isObject() && node.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves);
            }
        } else if (node.isArray() && node.size() > 0) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), leaves);
            }
        } else if (!path.isEmpty() && !node.isNull()) {
            leaves.put(path, node);
        }
    }

    /** One field whose value changed; {@code from} or {@code to} is null when the field appeared or vanished. */
    public record Change(String field, JsonNode from, JsonNode to) {}
}

package io.hindsight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Field-level differences between two JSON documents, fields named by path ({@code a.b.c}). A list of plain
 * values (roles) is one field. Elements of a list of objects are named by their identity where they have one
 * ({@code lines[productId=p-1].quantity}), so adding a line to a cart changes that line, not every position
 * after it; otherwise by position.
 */
public final class JsonDiff {

    private JsonDiff() {}

    public static List<Change> between(JsonNode before, JsonNode after) {
        Map<String, JsonNode> was = flatten(before, after);
        Map<String, JsonNode> now = flatten(after, before);
        Set<String> fields = new LinkedHashSet<>(was.keySet());
        fields.addAll(now.keySet());
        List<Change> changes = new ArrayList<>();
        for (String field : fields) {
            JsonNode from = was.getOrDefault(field, NullNode.getInstance());
            JsonNode to = now.getOrDefault(field, NullNode.getInstance());
            if (!Objects.equals(from, to) && !emptiedOrFilled(field, was, now)) {
                changes.add(new Change(field, from, to));
            }
        }
        return changes;
    }

    /**
     * An empty list or object is a leaf of its own, a filled one only the leaves under it: a list going from empty to
     * filled (or back) is told by the entries under it, not as the whole field becoming null.
     */
    private static boolean emptiedOrFilled(String field, Map<String, JsonNode> was, Map<String, JsonNode> now) {
        JsonNode from = was.get(field);
        JsonNode to = now.get(field);
        return from != null && from.isContainerNode() && from.isEmpty() && to == null && holdsLeavesUnder(field, now)
                || to != null && to.isContainerNode() && to.isEmpty() && from == null && holdsLeavesUnder(field, was);
    }

    private static boolean holdsLeavesUnder(String field, Map<String, JsonNode> leaves) {
        return leaves.keySet().stream().anyMatch(path -> path.startsWith(field + "[") || path.startsWith(field + "."));
    }

    /** The leaves of {@code node}; {@code other}, the document it is compared with, has a say in list identities. */
    private static Map<String, JsonNode> flatten(JsonNode node, JsonNode other) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        flatten("", orNull(node), orNull(other), leaves);
        return leaves;
    }

    /** {@code other} is the node at the same place in the other document, or null where it has none. */
    private static void flatten(String path, JsonNode node, JsonNode other, Map<String, JsonNode> leaves) {
        if (node.isObject() && node.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(
                        path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                        field.getValue(),
                        orNull(other.get(field.getKey())),
                        leaves);
            }
        } else if (node.isArray() && node.size() > 0 && containsObjects(node)) {
            Optional<String> identity = identityOf(node, other);
            Map<String, JsonNode> partners =
                    identity.map(id -> byIdentity(other, id)).orElse(Map.of());
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                String key =
                        identity.map(id -> id + "=" + element.get(id).asText()).orElse(String.valueOf(i));
                JsonNode partner = identity.isEmpty()
                        ? other.isArray() ? orNull(other.get(i)) : NullNode.getInstance()
                        : partners.getOrDefault(element.get(identity.get()).asText(), NullNode.getInstance());
                flatten(path + "[" + key + "]", element, partner, leaves);
            }
        } else if (!path.isEmpty() && !node.isNull()) {
            leaves.put(path, node);
        }
    }

    /**
     * The elements of {@code other}'s list by their {@code identity}, the first of each: looked up once per element
     * rather than searched for, which made a diff the square of the list (a 500-item menu's audit trail took 10 s).
     */
    private static Map<String, JsonNode> byIdentity(JsonNode other, String identity) {
        if (!other.isArray()) {
            return Map.of();
        }
        Map<String, JsonNode> partners = new HashMap<>();
        for (JsonNode candidate : other) {
            JsonNode value = candidate.get(identity);
            if (value != null) {
                partners.putIfAbsent(value.asText(), candidate);
            }
        }
        return partners;
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? NullNode.getInstance() : node;
    }

    private static boolean containsObjects(JsonNode list) {
        for (JsonNode element : list) {
            if (element.isContainerNode()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first field ending in "Id" that every element of the list has, with a distinct value in each - in this list
     * and in the other document's at the same place, so that both name their elements the same way.
     */
    private static Optional<String> identityOf(JsonNode list, JsonNode other) {
        JsonNode first = list.get(0);
        if (!first.isObject()) {
            return Optional.empty();
        }
        boolean otherHasElements = other.isArray() && other.size() > 0;
        Iterator<String> names = first.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.endsWith("Id") && identifies(list, name) && (!otherHasElements || identifies(other, name))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static boolean identifies(JsonNode list, String field) {
        Set<String> seen = new HashSet<>();
        for (JsonNode element : list) {
            JsonNode value = element.get(field);
            if (value == null || !value.isValueNode() || value.isNull() || !seen.add(value.asText())) {
                return false;
            }
        }
        return true;
    }

    /** One field whose value changed; {@code from} or {@code to} is null when the field appeared or vanished. */
    public record Change(String field, JsonNode from, JsonNode to) {}
}

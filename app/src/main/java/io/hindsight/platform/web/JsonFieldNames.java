package io.hindsight.platform.web;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * A validated field's path as the client wrote it in JSON: bean validation names Java properties ({@code impUid}),
 * while the body said {@code imp_uid}.
 */
final class JsonFieldNames {

    private JsonFieldNames() {}

    static String of(ObjectMapper json, Class<?> root, String path) {
        if (root == null) {
            return path;
        }
        JavaType type = json.constructType(root);
        StringBuilder named = new StringBuilder();
        for (String segment : path.split("\\.")) {
            int bracket = segment.indexOf('[');
            String property = bracket < 0 ? segment : segment.substring(0, bracket);
            String index = bracket < 0 ? "" : segment.substring(bracket);
            String external = property;
            JavaType next = null;
            if (type != null) {
                for (BeanPropertyDefinition definition :
                        json.getDeserializationConfig().introspect(type).findProperties()) {
                    if (definition.getInternalName().equals(property)) {
                        external = definition.getName();
                        next = definition.getPrimaryType();
                        break;
                    }
                }
            }
            if (!named.isEmpty()) {
                named.append('.');
            }
            named.append(external).append(index);
            type = next != null && !index.isEmpty() && next.getContentType() != null ? next.getContentType() : next;
        }
        return named.toString();
    }
}

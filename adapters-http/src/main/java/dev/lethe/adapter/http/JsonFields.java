package dev.lethe.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lethe.domain.Texts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one JSON object field by field with exact types and no unknown fields, so that every refusal
 * names the field at fault ({@code prefix} + name, e.g. {@code events[3].timestamp}).
 */
final class JsonFields {
    private final ObjectNode node;
    private final String prefix;

    private JsonFields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Checks {@code json} is an object with no field outside {@code allowed}. */
    static JsonFields of(JsonNode json, String prefix, Set<String> allowed) {
        if (json == null || !json.isObject()) {
            throw Problem.badRequest(prefix.isEmpty() ? "body" : strip(prefix), "invalid_type", "expected a JSON object");
        }
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw Problem.badRequest(prefix + name, "unknown_field", "unknown field " + name + "; allowed: " + new java.util.TreeSet<>(allowed));
            }
        }
        return new JsonFields((ObjectNode) json, prefix);
    }

    String field(String name) {
        return prefix + name;
    }

    String requiredText(String name) {
        return optionalText(name).orElseThrow(() -> Problem.badRequest(field(name), "missing_field", name + " is required"));
    }

    Optional<String> optionalText(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw Problem.badRequest(field(name), "invalid_type", name + " must be a string");
        }
        return Optional.of(wellFormed(field(name), v.textValue()));
    }

    OptionalDouble optionalNumber(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber()) {
            throw Problem.badRequest(field(name), "invalid_type", name + " must be a number");
        }
        return OptionalDouble.of(v.doubleValue());
    }

    OptionalLong optionalInteger(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return OptionalLong.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw Problem.badRequest(field(name), "invalid_type", name + " must be an integer");
        }
        return OptionalLong.of(v.longValue());
    }

    JsonNode raw(String name) {
        JsonNode v = node.get(name);
        return v == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : v;
    }

    List<String> stringList(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw Problem.badRequest(field(name), "invalid_type", name + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw Problem.badRequest(field(name) + "[" + i + "]", "invalid_type", name + " entries must be strings");
            }
            out.add(wellFormed(field(name) + "[" + i + "]", v.get(i).textValue()));
        }
        return out;
    }

    Map<String, String> stringMap(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw Problem.badRequest(field(name), "invalid_type", name + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = v.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> e = entries.next();
            if (!e.getValue().isTextual()) {
                throw Problem.badRequest(field(name) + "." + e.getKey(), "invalid_type", name + " values must be strings");
            }
            wellFormed(field(name), e.getKey());
            out.put(e.getKey(), wellFormed(field(name) + "." + e.getKey(), e.getValue().textValue()));
        }
        return out;
    }

    /** Converts a read value into a domain value, turning its {@link IllegalArgumentException} into a 400 on {@code name}. */
    <T, R> R convert(String name, T value, Function<T, R> conversion) {
        return convert(field(name), "invalid_value", value, conversion);
    }

    static <T, R> R convert(String field, String code, T value, Function<T, R> conversion) {
        try {
            return conversion.apply(value);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw Problem.badRequest(field, code, e.getMessage());
        }
    }

    /**
     * Refuses a string holding a lone UTF-16 surrogate: JSON lets {@code "\\ud800"} through, but it is
     * no Unicode character and the database would store it as {@code ?}.
     */
    static String wellFormed(String field, String value) {
        return convert(field, "invalid_unicode", value, v -> {
            Texts.requireWellFormed(field, v);
            return v;
        });
    }

    private static String strip(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}

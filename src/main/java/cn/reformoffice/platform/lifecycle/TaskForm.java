package cn.reformoffice.platform.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of one Camunda Form as the server needs them: which are required (always, or when a
 * decision has a given value, from the component property {@code requiredWhen: "key=value"}),
 * which are long texts (kept in the task record, not as process variables) and their labels.
 */
record TaskForm(String id, List<Field> fields) {

    enum Kind { TEXT, CHOICE, OTHER }

    record Field(String key, String type, String label, Kind kind, boolean required, String requiredWhenKey,
            String requiredWhenValue, Map<String, String> optionLabels) {

        boolean requiredFor(Map<String, Object> values) {
            if (requiredWhenKey != null) {
                return requiredWhenValue.equals(String.valueOf(values.get(requiredWhenKey)));
            }
            return required;
        }
    }

    static TaskForm parse(JsonNode root) {
        List<Field> fields = new ArrayList<>();
        collect(root.path("components"), fields);
        return new TaskForm(root.path("id").asText(), List.copyOf(fields));
    }

    private static void collect(JsonNode components, List<Field> fields) {
        for (JsonNode component : components) {
            if (component.has("components")) {
                collect(component.get("components"), fields);
            }
            String key = component.path("key").asText(null);
            if (key == null) {
                continue;
            }
            String type = component.path("type").asText();
            Kind kind = switch (type) {
                case "textarea", "textfield" -> Kind.TEXT;
                case "radio", "select", "checkbox", "checklist" -> Kind.CHOICE;
                default -> Kind.OTHER;
            };
            Map<String, String> options = new LinkedHashMap<>();
            component.path("values").forEach(v -> options.put(v.path("value").asText(), v.path("label").asText()));
            String requiredWhen = component.path("properties").path("requiredWhen").asText(null);
            String whenKey = null;
            String whenValue = null;
            if (requiredWhen != null && requiredWhen.contains("=")) {
                whenKey = requiredWhen.substring(0, requiredWhen.indexOf('=')).trim();
                whenValue = requiredWhen.substring(requiredWhen.indexOf('=') + 1).trim();
            }
            boolean required = component.path("validate").path("required").asBoolean(false);
            fields.add(new Field(key, type, component.path("label").asText(key), kind, required, whenKey, whenValue,
                    Map.copyOf(options)));
        }
    }

    List<String> keys() {
        return fields.stream().map(Field::key).toList();
    }

    /** The radio field, if any: its value is the outcome of the step (同意, 退回修改 …). */
    Field decision() {
        return fields.stream().filter(f -> "radio".equals(f.type())).findFirst().orElse(null);
    }
}

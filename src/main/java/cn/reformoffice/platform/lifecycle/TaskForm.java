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

    enum Kind { TEXT, CHOICE, DATE, OTHER }

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
            boolean date = "date".equals(component.path("properties").path("format").asText(null))
                    || "datetime".equals(type);
            Kind kind = date ? Kind.DATE : switch (type) {
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
            // a label that is an expression (it changes with the decision taken) names the field in properties.name
            String label = component.path("label").asText(key);
            if (label.startsWith("=")) {
                label = component.path("properties").path("name").asText(key);
            }
            fields.add(new Field(key, type, label, kind, required, whenKey, whenValue,
                    Map.copyOf(options)));
        }
    }

    /**
     * What is wrong with these values for this form, in Chinese, empty when nothing is: required fields
     * left empty (also those required only for the decision taken), values outside a choice's options,
     * dates that are not dates or outside {@code [earliest, latest]} (either may be null).
     */
    List<String> problems(Map<String, Object> values, java.time.LocalDate earliest, java.time.LocalDate latest) {
        List<String> missing = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (Field field : fields) {
            Object value = values.get(field.key());
            boolean blank = value == null || value.toString().isBlank();
            if (blank && field.requiredFor(values)) {
                missing.add("“" + field.label() + "”");
            }
            if (!blank && !field.optionLabels().isEmpty() && !field.optionLabels().containsKey(value.toString())) {
                invalid.add("“" + field.label() + "”不能取值“" + value + "”，可选："
                        + String.join("、", field.optionLabels().values()));
            }
            // a date field that applies (one required only for another decision is ignored otherwise)
            if (!blank && field.kind() == Kind.DATE && (field.requiredWhenKey() == null || field.requiredFor(values))) {
                java.time.LocalDate date = FormDates.parse(value);
                if (date == null) {
                    invalid.add("“" + field.label() + "”的“" + value + "”不是日期，请按 2026-12-20 或 2026年12月20日 的格式填写");
                } else if (earliest != null && date.isBefore(earliest)) {
                    invalid.add("“" + field.label() + "”不能早于今天（" + FormDates.chinese(earliest) + "），填写的是"
                            + FormDates.chinese(date));
                } else if (latest != null && date.isAfter(latest)) {
                    invalid.add("“" + field.label() + "”不能晚于改革任务的完成时限（" + FormDates.chinese(latest)
                            + "），填写的是" + FormDates.chinese(date));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("请填写必填项 " + String.join("、", missing));
        }
        problems.addAll(invalid);
        return problems;
    }

    List<String> keys() {
        return fields.stream().map(Field::key).toList();
    }

    /** The radio field, if any: its value is the outcome of the step (同意, 退回修改 …). */
    Field decision() {
        return fields.stream().filter(f -> "radio".equals(f.type())).findFirst().orElse(null);
    }
}

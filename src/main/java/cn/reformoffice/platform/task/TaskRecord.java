package cn.reformoffice.platform.task;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One completed step of a reform task: who completed which user task with which outcome, and the
 * form fields submitted, with their labels (long texts live here, not in process variables).
 */
public record TaskRecord(long id, String activityId, String stageName, String camundaTaskId, String actorId,
        String outcome, List<RecordedField> fields, OffsetDateTime recordedAt) {

    /** A submitted field: its key, its label on the form, the raw value and the text shown to people. */
    public record RecordedField(String key, String label, Object value, String text) {
    }

    public String text(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).map(RecordedField::text).findFirst().orElse(null);
    }
}

package cn.reformoffice.platform.lifecycle;

import java.util.List;
import java.util.Optional;

import cn.reformoffice.platform.task.TaskRecord;

/**
 * Which earlier submission a step continues when it comes back: a plan returned by a leader or the
 * office (方案制定), a quarterly report of the same quarter returned for more (季度报送), a
 * rectification that failed its re-check (整改, within the same inspection), a close-out application
 * returned to implementation (实施并申请销号). Approvals and reviews never continue: a decision is taken
 * afresh.
 */
final class PreviousRounds {

    private PreviousRounds() {
    }

    /** The unit's previous submission this step continues, if it comes back. Records newest first. */
    static Optional<TaskRecord> of(String activityId, String stageName, List<TaskRecord> newestFirst) {
        return switch (activityId) {
            case "Task_DraftPlan", "Task_ImplementAndApplyCloseOut" -> newestFirst.stream()
                    .filter(r -> r.activityId().equals(activityId)).findFirst();
            case "Task_SubmitQuarterlyReport" -> newestFirst.stream()
                    .filter(r -> r.activityId().equals(activityId) && r.stageName().equals(stageName)).findFirst();
            case "Task_Rectify" -> {
                for (TaskRecord record : newestFirst) {
                    if (record.activityId().equals("Task_Inspect")) {
                        yield Optional.empty(); // a new inspection: a new rectification
                    }
                    if (record.activityId().equals(activityId)) {
                        yield Optional.of(record);
                    }
                }
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    /** The decisions taken on the previous submission since it was made (newest first), with their comments. */
    static List<TaskRecord> decisionsSince(TaskRecord previous, List<TaskRecord> newestFirst) {
        return newestFirst.stream().filter(r -> r.recordedAt().isAfter(previous.recordedAt()))
                .filter(r -> r.outcome() != null).toList();
    }
}

package cn.reformoffice.platform.planimport;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A plan import as the office sees it: every task found with its leaders, units, what the import will
 * do with it (新增/更新/未变化/已启动不更新), warnings and errors; the names the organization does not
 * know with the closest known names; while confirming, the progress; afterwards, the result.
 */
record ImportView(String id, String status, String statusLabel, String fileName, String format, String title,
        String number, int year, String createdBy, OffsetDateTime createdAt, OffsetDateTime expiresAt,
        String confirmedBy, OffsetDateTime confirmedAt, Summary summary, List<String> categories,
        List<TaskRow> tasks, List<UnknownName> unknownNames, List<ExistingTask> notInFile, List<String> warnings,
        List<String> errors, Progress progress, String error, List<Option> units, List<Option> leaders) {

    enum Action {
        NEW("新增"), UPDATE("更新"), UNCHANGED("未变化"), KEEP_STARTED("已启动，不更新");

        final String label;

        Action(String label) {
            this.label = label;
        }
    }

    /**
     * @param toStart            tasks whose process the confirm starts (new or updated, with a lead unit)
     * @param awaitingAssignment tasks created or updated without a lead unit (待分配)
     */
    record Summary(int total, int created, int updated, int unchanged, int keptStarted, int toStart,
            int awaitingAssignment, int unknownNames, int warnings, int errors) {
    }

    /**
     * @param code    the task's code: the existing one, or the one a new task will get
     * @param changes what differs from the stored task (标题, 主要目标, …)
     */
    record TaskRow(int index, String code, String action, String actionLabel, String existingStage, int categoryNo,
            String category, int seq, String title, String goals, List<String> measures, List<Name> leaders,
            List<Name> leadUnits, List<Name> coopUnits, LocalDate deadline, boolean awaitingAssignment,
            String location, List<String> changes, List<String> warnings, List<String> errors) {
    }

    /** A name as written in the plan and what it resolved to ({@code status}: KNOWN, MAPPED, …, UNKNOWN). */
    record Name(String name, String status, String id, String displayName) {
    }

    record UnknownName(String role, String roleLabel, String name, List<NameMatcher.Suggestion> suggestions,
            List<String> tasks) {
    }

    record ExistingTask(String code, String title, String stage, String stageLabel) {
    }

    record Progress(int done, int total) {
    }

    record Option(String id, String name) {
    }

    ImportView withState(String newStatus, String newStatusLabel, Progress newProgress, String newError,
            String newConfirmedBy, OffsetDateTime newConfirmedAt) {
        return new ImportView(id, newStatus, newStatusLabel, fileName, format, title, number, year, createdBy,
                createdAt, expiresAt, newConfirmedBy, newConfirmedAt, summary, categories, tasks, unknownNames,
                notInFile, warnings, errors, newProgress, newError, units, leaders);
    }
}

package cn.reformoffice.platform.lifecycle;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import cn.reformoffice.platform.ReformPlatformApplication;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.reminder.NoticeDocuments;
import cn.reformoffice.platform.reminder.ReminderRepository;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.TaskRecord;
import cn.reformoffice.platform.task.TaskRecord.RecordedField;

/**
 * Builds the read-only context every form shows (markdown, rendered by form-js text components):
 * the task's summary, goals and measures from the task record, and the latest plan, quarterly
 * report, inspection and close-out application and the history of decisions from the step records.
 * <p>Everything users typed (and names and texts from imported plans) goes in through {@link #literal}, so it
 * shows as typed: markdown and HTML in it are not rendered (no images or links of its own), while the
 * structure this class writes (headings, bold labels, lists, line breaks) is.
 */
@Component
class TaskContextBuilder {

    static final String NONE = "（暂无）";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of(ReformPlatformApplication.CHINA_ZONE));

    private final OrganizationDirectory directory;
    private final ReminderRepository reminders;

    TaskContextBuilder(OrganizationDirectory directory, ReminderRepository reminders) {
        this.directory = directory;
        this.reminders = reminders;
    }

    /**
     * @param forOffice  whether the office works the task: its summary then links to the process
     *                   instance in Cockpit; for the units and leaders it links to the extension request
     * @param userTaskId the user task the form belongs to: its attachments page accepts uploads for it
     */
    Map<String, String> build(ReformTask task, List<TaskRecord> recordsNewestFirst, boolean forOffice,
            String userTaskId, String activityId, String stageName) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("ctxReturn", returned(activityId, stageName, recordsNewestFirst));
        context.put("ctxSummary", summary(task) + "\n\n" + links(task, forOffice, userTaskId) + notices(userTaskId));
        context.put("ctxGoals", orNone(task.goals()));
        context.put("ctxMeasures", orNone(task.measures()));
        context.put("ctxPlan", latest(recordsNewestFirst, "Task_DraftPlan"));
        context.put("ctxLatestReport", latest(recordsNewestFirst, "Task_SubmitQuarterlyReport"));
        context.put("ctxLatestInspection", latestInspection(recordsNewestFirst));
        context.put("ctxCloseOut", latest(recordsNewestFirst, "Task_ImplementAndApplyCloseOut"));
        context.put("ctxHistory", history(recordsNewestFirst));
        return context;
    }

    /**
     * For a step that came back: why, in the words of whoever returned it, and that the form holds the
     * previous submission; empty otherwise (the form hides the block).
     */
    private String returned(String activityId, String stageName, List<TaskRecord> records) {
        return PreviousRounds.of(activityId, stageName, records).map(previous -> {
            List<TaskRecord> decisions = PreviousRounds.decisionsSince(previous, records);
            String reasons = decisions.stream().map(this::historyLine).collect(Collectors.joining("\n"));
            return "本环节曾于 " + TIME.format(previous.recordedAt()) + " 提交，"
                    + (decisions.isEmpty() ? "现需重新办理。" : "后被退回：") + "\n\n" + reasons
                    + "\n\n表单中已填入上次提交的内容，请按意见修改后再提交。";
        }).orElse("");
    }

    private String summary(ReformTask task) {
        return String.join("\n\n",
                "**任务编号：** " + literal(task.code()) + "　**年度：** " + task.year()
                        + (task.category() == null ? "" : "　**类别：** " + literal(task.category())),
                "**改革任务：** " + literal(task.title()),
                "**领衔领导：** " + names(task.leaderIds(), directory::personName),
                "**牵头单位：** " + names(task.leadUnitIds(), directory::unitName),
                "**协同单位：** " + names(task.coopUnitIds(), directory::unitName),
                "**完成时限：** " + (task.deadline() == null ? "未设定" : task.deadline().toString()));
    }

    /** Links within this deployment (relative, so they work behind any host name and port). */
    static String links(ReformTask task, boolean forOffice, String userTaskId) {
        String code = URLEncoder.encode(task.code(), StandardCharsets.UTF_8);
        String ofThisTask = "code=" + code + "&taskId=" + URLEncoder.encode(userTaskId, StandardCharsets.UTF_8);
        String links = "**相关链接：** [查看台账记录](/ledger/task.html?code=" + code + ")"
                + "　[附件（上传或查看方案文件、佐证材料）](/ledger/attachments.html?" + ofThisTask + ")";
        if (!forOffice) {
            links += "　[申请延期](/ledger/extensions.html?" + ofThisTask + ")";
        }
        if (forOffice && task.processInstanceId() != null) {
            links += "　[在流程监控中查看](/camunda/app/cockpit/default/#/process-instance/" + task.processInstanceId()
                    + "/runtime)";
        }
        return links;
    }

    /** The step's 督办单, each with its printable 督办通知单 (Word); nothing when the step has none. */
    private String notices(String userTaskId) {
        List<ReminderRepository.ReminderRow> notices = reminders.noticesOfStep(userTaskId);
        if (notices.isEmpty()) {
            return "";
        }
        return "\n\n**督办单：** " + notices.stream().map(n -> "[督办通知单 " + literal(n.noticeNo()) + "（Word）]("
                + NoticeDocuments.url(n.id()) + ")").collect(Collectors.joining("　"));
    }

    private static String names(List<String> ids, java.util.function.Function<String, String> name) {
        return ids.isEmpty() ? "无" : ids.stream().map(name).map(TaskContextBuilder::literal)
                .collect(Collectors.joining("、"));
    }

    private static String latest(List<TaskRecord> records, String activityId) {
        return records.stream().filter(r -> r.activityId().equals(activityId)).findFirst()
                .map(r -> describe(r) + "\n\n" + fields(r)).orElse(NONE);
    }

    private static String latestInspection(List<TaskRecord> records) {
        Optional<TaskRecord> inspection = records.stream().filter(r -> r.activityId().equals("Task_Inspect"))
                .findFirst();
        if (inspection.isEmpty()) {
            return NONE;
        }
        StringBuilder text = new StringBuilder(describe(inspection.get())).append("\n\n")
                .append(fields(inspection.get()));
        records.stream().filter(r -> r.activityId().equals("Task_Rectify"))
                .filter(r -> r.recordedAt().isAfter(inspection.get().recordedAt())).findFirst()
                .ifPresent(r -> text.append("\n\n---\n\n").append(describe(r)).append("\n\n").append(fields(r)));
        return text.toString();
    }

    private static String fields(TaskRecord record) {
        return record.fields().stream().filter(f -> f.text() != null && !f.text().isBlank())
                .map(f -> "**" + f.label() + "：**\n\n" + literal(f.text())).collect(Collectors.joining("\n\n"));
    }

    private static String describe(TaskRecord record) {
        return "*" + TIME.format(record.recordedAt()) + " " + record.stageName() + "*";
    }

    /** The task's history, newest first, one line a step with its outcome and comment. */
    String history(List<TaskRecord> records) {
        if (records.isEmpty()) {
            return NONE;
        }
        return records.stream().map(this::historyLine).collect(Collectors.joining("\n"));
    }

    private String historyLine(TaskRecord record) {
        StringBuilder line = new StringBuilder("- ").append(TIME.format(record.recordedAt())).append(" ")
                .append(record.stageName()).append("（").append(literal(directory.personName(record.actorId())))
                .append("）");
        record.fields().stream().filter(f -> f.key().equals(outcomeKey(record))).findFirst()
                .ifPresent(f -> line.append("：**").append(literal(f.text())).append("**"));
        record.fields().stream().filter(f -> f.key().endsWith("Comment") && f.text() != null && !f.text().isBlank())
                .findFirst().ifPresent(f -> line.append(f.key().equals("inspectionReasonComment") ? " — 督查事由："
                        : " — 意见：").append(literal(f.text().replace('\n', ' '))));
        return line.toString();
    }

    private static String outcomeKey(TaskRecord record) {
        return record.fields().stream().filter(f -> record.outcome() != null && record.outcome().equals(f.value()))
                .map(RecordedField::key).findFirst().orElse("");
    }

    private static String orNone(String text) {
        return text == null || text.isBlank() ? NONE : literal(text);
    }

    /**
     * User text as markdown that renders to exactly that text: every ASCII punctuation character gets a
     * backslash (CommonMark's escape, which marked also applies), so no markdown or HTML construct can start
     * and no address is turned into a link ({@code ![x](http://…)}, {@code <img …>}, {@code [点此](…)},
     * {@code javascript:…}, bare {@code http://…} and {@code www.…}); spaces and tabs at the start of a line
     * become no-break spaces, so indentation is not read as a code block. Line breaks stay: form-js renders
     * them ({@code breaks: true}). Full-width (Chinese) punctuation has no meaning in markdown and stays as it is.
     */
    static String literal(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                continue;
            }
            if (lineStart && (c == ' ' || c == '\t')) {
                out.append(c == ' ' ? "\u00a0" : "\u00a0\u00a0\u00a0\u00a0");
                continue;
            }
            lineStart = c == '\n';
            if (c < 128 && MARKDOWN_PUNCTUATION.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static final String MARKDOWN_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
}

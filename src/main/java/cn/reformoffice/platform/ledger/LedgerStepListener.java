package cn.reformoffice.platform.ledger;

import java.time.LocalDate;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.lifecycle.ReformTaskQueries;
import cn.reformoffice.platform.task.ReformTaskRepository;
import cn.reformoffice.platform.task.TaskNames;
import cn.reformoffice.platform.task.TaskRecord;

/**
 * Keeps the ledger's open steps and events in step with every user task of a reform task (registered
 * by the lifecycle's parse listener after naming, due date and step record): created, assigned, its
 * due date moved, completed or ended. Depends on no engine service.
 */
@Component
public class LedgerStepListener implements TaskListener {

    private static final String QUARTERLY_REPORT = "Task_SubmitQuarterlyReport";
    private static final String RECONCILE_REPORT = "Task_ReconcileReport";

    private final LedgerRecorder recorder;
    private final ReformTaskRepository tasks;

    LedgerStepListener(LedgerRecorder recorder, ReformTaskRepository tasks) {
        this.recorder = recorder;
        this.tasks = tasks;
    }

    @Override
    public void notify(DelegateTask task) {
        String code = ReformTaskQueries.codeOf(task);
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> recorder.stepOpened(code, task.getId(), task.getTaskDefinitionKey(),
                    TaskNames.stageOf(task.getName()), task.getAssignee(), unitOf(task), chinaDate(task.getDueDate()),
                    QUARTERLY_REPORT.equals(task.getTaskDefinitionKey()) ? quarterOf(task) : null);
            case EVENTNAME_ASSIGNMENT -> recorder.stepAssigned(code, task.getId(), task.getAssignee());
            case EVENTNAME_UPDATE -> recorder.stepDueChanged(code, task.getId(), chinaDate(task.getDueDate()));
            case EVENTNAME_COMPLETE -> closed(code, task, true);
            case EVENTNAME_DELETE -> closed(code, task, false);
            default -> { }
        }
    }

    private void closed(String code, DelegateTask task, boolean completed) {
        TaskRecord record = completed ? tasks.findRecordOfStep(task.getId()).orElse(null) : null;
        LedgerRecorder.Report report = null;
        if (record != null && QUARTERLY_REPORT.equals(task.getTaskDefinitionKey())) {
            report = new LedgerRecorder.Report(quarterOf(task),
                    value(record, "reportStatus"), value(record, "reportProgress"));
        }
        // a returned report keeps its quarter (the reconciliation of the quarter counts the return)
        String quarter = RECONCILE_REPORT.equals(task.getTaskDefinitionKey()) ? quarterOf(task) : null;
        recorder.stepClosed(code, task.getId(), task.getTaskDefinitionKey(), TaskNames.stageOf(task.getName()),
                unitOf(task), chinaDate(task.getDueDate()), completed, record == null ? null : record.outcome(), report,
                quarter);
    }

    private static String quarterOf(DelegateTask task) {
        Object quarter = task.getVariable("reportQuarter");
        return quarter == null ? null : quarter.toString();
    }

    private static String value(TaskRecord record, String key) {
        return record.fields().stream().filter(f -> f.key().equals(key) && f.value() != null)
                .map(f -> f.value().toString()).findFirst().orElse(null);
    }

    private static String unitOf(DelegateTask task) {
        return task.getCandidates().stream().map(IdentityLink::getGroupId).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    private static LocalDate chinaDate(Date date) {
        return date == null ? null : date.toInstant().atZone(LedgerRecorder.CHINA).toLocalDate();
    }
}

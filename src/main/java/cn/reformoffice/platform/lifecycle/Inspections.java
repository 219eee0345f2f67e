package cn.reformoffice.platform.lifecycle;

import java.util.List;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskRepository;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.TaskRecord.RecordedField;

/** Inspections (督查) the office starts at any time during implementation. */
@Component("inspections")
public class Inspections {

    static final String MESSAGE = "InspectionRequested";
    /** Ends in "Comment": the form context's history shows such fields of a record (TaskContextBuilder). */
    static final String REASON_KEY = "inspectionReasonComment";

    private final ReformTaskService tasks;
    private final ReformTaskRepository repository;
    private final RuntimeService runtimeService;

    Inspections(ReformTaskService tasks, ReformTaskRepository repository, RuntimeService runtimeService) {
        this.tasks = tasks;
        this.repository = repository;
        this.runtimeService = runtimeService;
    }

    /** Each inspection keeps its own decisions, so two inspections of one task do not mix. */
    public void open(DelegateExecution execution) {
        execution.setVariableLocal("inspectionResult", null);
        execution.setVariableLocal("rectificationDeadline", null);
        execution.setVariableLocal("recheckDecision", null);
    }

    /**
     * Starts an inspection of a task in implementation (409 otherwise). The reason is recorded first, in the
     * same transaction: the 督查 task created by the message reads the task record for its form context, so
     * its history shows the reason (a field whose key ends in "Comment" is shown there with the record).
     */
    @Transactional
    public void request(String taskCode, String reason, String actorId) {
        ReformTask task = tasks.get(taskCode);
        if (!canStart(task)) {
            // asked first, so that a request outside implementation is no engine error (logged at ERROR)
            throw notInImplementation(task);
        }
        String text = reason == null || reason.isBlank() ? "（未填写）" : reason.trim();
        repository.insertRecord(taskCode, "StartEvent_InspectionRequested", "发起督查", null, actorId, null,
                List.of(new RecordedField(REASON_KEY, "督查事由", text, text)));
        try {
            runtimeService.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(taskCode).correlate();
        } catch (MismatchingMessageCorrelationException e) {
            throw notInImplementation(task);
        }
    }

    /** Whether the task waits for an inspection request (it is in implementation). */
    public boolean canStart(ReformTask task) {
        return task.processInstanceId() != null && runtimeService.createExecutionQuery()
                .processInstanceId(task.processInstanceId()).messageEventSubscriptionName(MESSAGE).count() > 0;
    }

    private static ResponseStatusException notInImplementation(ReformTask task) {
        return new ResponseStatusException(HttpStatus.CONFLICT, "改革任务“" + task.code() + "”当前处于“"
                + task.stage().label() + "”阶段，只有实施阶段的任务可以发起督查。");
    }
}

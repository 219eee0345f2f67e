package cn.reformoffice.platform.lifecycle;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.ledger.LedgerRecorder;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskRepository;
import cn.reformoffice.platform.task.Stage;

/** Keeps the stage of the reform task record in step with the process (the ledger reads the record). */
@Component("stageTracker")
class StageTracker implements ExecutionListener {

    private static final Map<String, Stage> STAGES = Map.of(
            "Task_DraftPlan", Stage.DRAFTING,
            "Task_LeaderApprovePlan", Stage.APPROVAL,
            "Task_OfficeApprovePlan", Stage.APPROVAL,
            "SubProcess_Implementation", Stage.IMPLEMENTATION,
            "Task_ReviewCloseOut", Stage.CLOSE_OUT_REVIEW,
            "EndEvent_TaskClosedOut", Stage.CLOSED);

    private final ReformTaskRepository repository;
    private final LedgerRecorder ledger;

    StageTracker(ReformTaskRepository repository, LedgerRecorder ledger) {
        this.repository = repository;
        this.ledger = ledger;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Stage stage = STAGES.get(execution.getCurrentActivityId());
        if (stage == null) {
            throw new IllegalStateException("No stage for activity " + execution.getCurrentActivityId());
        }
        String code = ReformTaskQueries.codeOf(execution);
        if (repository.findByCode(code).map(ReformTask::stage).orElse(null) == stage) {
            return; // a new task starts in 方案制定; 领导审定 and 改革办审核 are one stage
        }
        repository.setStage(code, stage);
        ledger.stageChanged(code, stage);
    }
}

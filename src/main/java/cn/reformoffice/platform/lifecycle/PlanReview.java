package cn.reformoffice.platform.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A round of plan approval (领衔领导审定 or 改革办审定). {@code planReturned} tells the model whether
 * anybody returned the plan; one return ends the leaders' round (the multi-instance completion
 * condition) and sends the plan back to the unit with the comments in its history.
 */
@Component("planReview")
public class PlanReview implements TaskListener {

    static final String PLAN_RETURNED = "planReturned";

    public void startRound(DelegateExecution execution) {
        execution.setVariable(PLAN_RETURNED, false);
    }

    @Override
    public void notify(DelegateTask task) {
        if ("return".equals(task.getVariable("planDecision"))) {
            task.getExecution().getProcessInstance().setVariable(PLAN_RETURNED, true);
        }
    }
}

package cn.reformoffice.platform.lifecycle;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.task.ReformTaskService;

/**
 * Questions the process model asks about a reform task, as {@code ${reformTasks.…(execution)}}.
 * The reform task is found by the process instance's business key (its code), and its parties come
 * from the task record: nothing that steers the process is read from a process variable, which a
 * client could have written.
 */
@Component("reformTasks")
public class ReformTaskQueries {

    private final ReformTaskService tasks;

    ReformTaskQueries(ReformTaskService tasks) {
        this.tasks = tasks;
    }

    /** The code of the reform task a process instance runs: its business key. */
    public static String codeOf(DelegateExecution execution) {
        String code = execution.getProcessBusinessKey();
        if (code == null) {
            throw new IllegalStateException("Process instance " + execution.getProcessInstanceId()
                    + " has no business key (the reform task code)");
        }
        return code;
    }

    public static String codeOf(DelegateTask task) {
        return codeOf(task.getExecution());
    }

    public boolean hasLeadersFor(DelegateExecution execution) {
        return !tasks.get(codeOf(execution)).leaderIds().isEmpty();
    }

    /** The lead leaders' user ids: one approval task each. */
    public List<String> leadersOf(DelegateExecution execution) {
        return tasks.get(codeOf(execution)).leaderIds();
    }

    /** The primary lead unit: the candidate group of the unit's steps. */
    public String primaryLeadUnitOf(DelegateExecution execution) {
        return tasks.get(codeOf(execution)).primaryLeadUnitId();
    }

    /** Process versions deployed before 2026-11 pass the code variable; kept so their instances finish. */
    @Deprecated
    public boolean hasLeaders(String taskCode) {
        return !tasks.get(taskCode).leaderIds().isEmpty();
    }

    /** Process versions deployed before 2026-11 pass the code variable; kept so their instances finish. */
    @Deprecated
    public List<String> leaderIds(String taskCode) {
        return tasks.get(taskCode).leaderIds();
    }
}

package cn.reformoffice.platform.lifecycle;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.reformoffice.platform.task.ReformTaskService;

/** Questions the process model asks about a reform task, as {@code ${reformTasks.…}}. */
@Component("reformTasks")
public class ReformTaskQueries {

    private final ReformTaskService tasks;

    ReformTaskQueries(ReformTaskService tasks) {
        this.tasks = tasks;
    }

    public boolean hasLeaders(String taskCode) {
        return !tasks.get(taskCode).leaderIds().isEmpty();
    }

    /** The lead leaders' user ids: one approval task each. */
    public List<String> leaderIds(String taskCode) {
        return tasks.get(taskCode).leaderIds();
    }
}

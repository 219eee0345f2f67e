package cn.reformoffice.platform.planimport;

import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.CurrentUser;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * The office assigns lead units to an imported task that had none (待分配), which starts its process.
 * {@code POST /api/tasks/{code}/assignment} with {@code leadUnits} (first = primary) and optionally
 * {@code coopUnits}; ids, names or aliases. 409 when the task is not awaiting assignment.
 */
@RestController
class TaskAssignmentController {

    private final ReformTaskService tasks;
    private final CurrentUser currentUser;
    private final OrganizationDirectory directory;

    TaskAssignmentController(ReformTaskService tasks, CurrentUser currentUser, OrganizationDirectory directory) {
        this.tasks = tasks;
        this.currentUser = currentUser;
        this.directory = directory;
    }

    record Assignment(List<String> leadUnits, List<String> coopUnits) {
    }

    record Assigned(String code, String title, String stage, String stageLabel, String processInstanceId,
            List<String> leadUnits, List<String> coopUnits) {
    }

    @PostMapping("/api/tasks/{code}/assignment")
    Assigned assign(@PathVariable String code, @RequestBody Assignment assignment) {
        currentUser.requireOffice("分配牵头单位");
        ReformTask task = tasks.assignAndStart(code, assignment.leadUnits(), assignment.coopUnits(), currentUser.id());
        return new Assigned(task.code(), task.title(), task.stage().name(), task.stage().label(),
                task.processInstanceId(), task.leadUnitIds().stream().map(directory::unitName).toList(),
                task.coopUnitIds().stream().map(directory::unitName).toList());
    }
}

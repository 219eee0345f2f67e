package cn.reformoffice.platform.reminder;

import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.reformoffice.platform.reminder.ExtensionRequests.ExtensionRequest;
import cn.reformoffice.platform.security.CurrentUser;
import cn.reformoffice.platform.task.ReformTaskService;

/** 延期申请 over REST: units request, the office lists and decides. */
@RestController
@RequestMapping("/api/extensions")
class ExtensionController {

    private final ExtensionRequests extensions;
    private final CurrentUser currentUser;
    private final ReformTaskService reformTasks;

    ExtensionController(ExtensionRequests extensions, CurrentUser currentUser, ReformTaskService reformTasks) {
        this.extensions = extensions;
        this.currentUser = currentUser;
        this.reformTasks = reformTasks;
    }

    record NewExtension(String taskId, LocalDate newDueDate, String reason) {
    }

    record Decision(boolean approve, String comment) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ExtensionRequest request(@RequestBody NewExtension body) {
        return extensions.request(body.taskId(), body.newDueDate(), body.reason(), currentUser.id(),
                currentUser.groupIds());
    }

    /**
     * The office lists every request (optionally by status); with {@code taskCode}, everyone involved in
     * that reform task lists its requests, so a unit sees what became of its own.
     */
    @GetMapping
    List<ExtensionRequest> list(@RequestParam(required = false) String status,
            @RequestParam(required = false) String taskCode) {
        if (taskCode != null && !taskCode.isBlank()) {
            return extensions.listForTask(reformTasks.getReadable(taskCode, currentUser, "的延期申请").code(), status);
        }
        currentUser.requireOffice("查看全部延期申请");
        return extensions.list(status);
    }

    @PostMapping("/{id}/decision")
    ExtensionRequest decide(@PathVariable long id, @RequestBody Decision decision) {
        currentUser.requireOffice("审批延期申请");
        return extensions.decide(id, decision.approve(), decision.comment(), currentUser.id());
    }
}

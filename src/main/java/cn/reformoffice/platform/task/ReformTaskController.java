package cn.reformoffice.platform.task;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.CurrentUser;

/**
 * Reform tasks over REST. The office creates tasks (starting their processes); everybody sees the
 * tasks they take part in (their unit leads or cooperates, or they lead them); the office sees all.
 */
@RestController
@RequestMapping("/api/tasks")
class ReformTaskController {

    private final ReformTaskService service;
    private final CurrentUser currentUser;
    private final OrganizationDirectory directory;

    ReformTaskController(ReformTaskService service, CurrentUser currentUser, OrganizationDirectory directory) {
        this.service = service;
        this.currentUser = currentUser;
        this.directory = directory;
    }

    @PostMapping
    ResponseEntity<TaskView> create(@RequestBody NewReformTask request) {
        currentUser.requireOffice("创建改革任务");
        ReformTask task = service.createAndStart(request, currentUser.id());
        return ResponseEntity.created(URI.create("/api/tasks/" + task.code())).body(view(task, null));
    }

    @GetMapping
    List<TaskView> list() {
        List<ReformTask> tasks = currentUser.isOfficeOrAdmin() ? service.findAll()
                : service.findInvolving(currentUser.parties());
        return tasks.stream().map(task -> view(task, null)).toList();
    }

    @GetMapping("/{code}")
    TaskView get(@PathVariable String code) {
        return view(service.getReadable(code, currentUser, ""), service.records(code));
    }

    private TaskView view(ReformTask task, List<TaskRecord> records) {
        return new TaskView(task.code(), task.year(), task.category(), task.title(), task.goals(), task.measures(),
                task.leaderIds().stream().map(id -> new Party(id, directory.personName(id))).toList(),
                task.leadUnitIds().stream().map(id -> new Party(id, directory.unitName(id))).toList(),
                task.coopUnitIds().stream().map(id -> new Party(id, directory.unitName(id))).toList(),
                task.deadline(), task.stage().name(), task.stage().label(), task.processInstanceId(), records);
    }

    record Party(String id, String name) {
    }

    record TaskView(String code, int year, String category, String title, String goals, String measures,
            List<Party> leaders, List<Party> leadUnits, List<Party> coopUnits, LocalDate deadline, String stage,
            String stageLabel, String processInstanceId, List<TaskRecord> records) {
    }
}

package cn.reformoffice.platform.lifecycle;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.CurrentUser;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.Stage;

/**
 * Office actions on a reform task (office and admins only, 403 for everyone else): start an inspection, start
 * the quarterly report now, and what the ledger entry page offers the office ({@code GET …/office-actions}).
 */
@RestController
@RequestMapping("/api/tasks/{code}")
class LifecycleController {

    private final Inspections inspections;
    private final QuarterlyReports quarterlyReports;
    private final CurrentUser currentUser;
    private final ReformTaskService tasks;
    private final OrganizationDirectory directory;

    LifecycleController(Inspections inspections, QuarterlyReports quarterlyReports, CurrentUser currentUser,
            ReformTaskService tasks, OrganizationDirectory directory) {
        this.inspections = inspections;
        this.quarterlyReports = quarterlyReports;
        this.currentUser = currentUser;
        this.tasks = tasks;
        this.directory = directory;
    }

    record InspectionRequest(String reason) {
    }

    record Started(String code, String message, String quarter) {
    }

    record UnitOption(String id, String name) {
    }

    /**
     * What the office may do with the task now: assign it (待分配, with the organization's units to choose from),
     * start an inspection, ask for this quarter's report (and whether it has been asked for already).
     */
    record OfficeActions(String code, String stage, String stageLabel, boolean canAssign, boolean canInspect,
            boolean canRequestQuarterlyReport, String currentQuarter, boolean quarterlyReportRequested,
            List<UnitOption> units) {
    }

    @GetMapping("/office-actions")
    OfficeActions officeActions(@PathVariable String code) {
        currentUser.requireOffice("办理改革办操作（分配、督查、季度报送）");
        ReformTask task = tasks.get(code);
        boolean awaiting = task.stage() == Stage.AWAITING_ASSIGNMENT && task.processInstanceId() == null;
        String quarter = quarterlyReports.currentQuarter();
        List<UnitOption> units = awaiting ? Stream.concat(directory.units().stream(),
                directory.runtimeUnits().stream()).map(unit -> new UnitOption(unit.id(), unit.name())).toList()
                : List.of();
        return new OfficeActions(task.code(), task.stage().name(), task.stage().label(), awaiting,
                inspections.canStart(task), quarterlyReports.canFire(task), quarter,
                quarterlyReports.isRequested(code, quarter), units);
    }

    @PostMapping("/inspections")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Started requestInspection(@PathVariable String code, @RequestBody(required = false) InspectionRequest request) {
        currentUser.requireOffice("发起督查");
        inspections.request(code, request == null ? null : request.reason(), currentUser.id());
        return new Started(code, "已发起督查，督查任务已进入市委改革办的待办。", null);
    }

    @PostMapping("/quarterly-report")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Started startQuarterlyReportNow(@PathVariable String code) {
        currentUser.requireOffice("发起季度报送");
        String quarter = quarterlyReports.fireNow(code, currentUser.id());
        return new Started(code, "已发起" + quarter + "报送，牵头单位将在待办中收到该季度报送任务。", quarter);
    }
}

package cn.reformoffice.platform.lifecycle;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.reformoffice.platform.security.CurrentUser;

/** Office actions on a running reform task: start an inspection, start the quarterly report now. */
@RestController
@RequestMapping("/api/tasks/{code}")
class LifecycleController {

    private final Inspections inspections;
    private final QuarterlyReports quarterlyReports;
    private final CurrentUser currentUser;

    LifecycleController(Inspections inspections, QuarterlyReports quarterlyReports, CurrentUser currentUser) {
        this.inspections = inspections;
        this.quarterlyReports = quarterlyReports;
        this.currentUser = currentUser;
    }

    record InspectionRequest(String reason) {
    }

    @PostMapping("/inspections")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestInspection(@PathVariable String code, @RequestBody(required = false) InspectionRequest request) {
        currentUser.requireOffice("发起督查");
        inspections.request(code, request == null ? null : request.reason(), currentUser.id());
    }

    @PostMapping("/quarterly-report")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void startQuarterlyReportNow(@PathVariable String code) {
        currentUser.requireOffice("发起季度报送");
        quarterlyReports.fireNow(code);
    }
}

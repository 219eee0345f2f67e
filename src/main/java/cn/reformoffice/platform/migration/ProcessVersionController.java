package cn.reformoffice.platform.migration;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.reformoffice.platform.security.CurrentUser;

/**
 * The versions of the reform-task process and the migration of running reform tasks between them
 * (office and admins only, 403 for everyone else): list, dry run, start Camunda's batch migration, follow it.
 */
@RestController
@RequestMapping("/api/process-versions")
class ProcessVersionController {

    private final ProcessMigrations migrations;
    private final CurrentUser currentUser;

    ProcessVersionController(ProcessMigrations migrations, CurrentUser currentUser) {
        this.migrations = migrations;
        this.currentUser = currentUser;
    }

    /** Body of the dry run and the migration: version numbers of reform-task. */
    record MigrationRequest(Integer from, Integer to) {
    }

    @GetMapping
    List<ProcessMigrations.Version> versions() {
        currentUser.requireOffice("查看改革任务流程的版本");
        return migrations.versions();
    }

    @PostMapping("/migration/dry-run")
    ProcessMigrations.DryRun dryRun(@RequestBody(required = false) MigrationRequest request) {
        currentUser.requireOffice("预览流程版本迁移");
        return migrations.dryRun(request == null ? null : request.from(), request == null ? null : request.to());
    }

    @PostMapping("/migration")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProcessMigrations.Started migrate(@RequestBody(required = false) MigrationRequest request) {
        currentUser.requireOffice("迁移流程版本");
        return migrations.start(request == null ? null : request.from(), request == null ? null : request.to(),
                currentUser.id());
    }

    @GetMapping("/migration/{batchId}")
    ProcessMigrations.Progress progress(@PathVariable String batchId) {
        currentUser.requireOffice("查看流程版本迁移的进度");
        return migrations.progress(batchId);
    }
}

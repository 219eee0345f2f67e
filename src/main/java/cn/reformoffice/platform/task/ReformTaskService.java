package cn.reformoffice.platform.task;

import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.deployment.LatestVersions;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.CurrentUser;
import cn.reformoffice.platform.organization.OrganizationFile.Person;
import cn.reformoffice.platform.organization.OrganizationFile.Unit;

/** Creates reform tasks and starts their processes; answers questions the process model asks. */
@Service
public class ReformTaskService {

    public static final String PROCESS_KEY = "reform-task";
    /** A task's deadline (完成时限) lies in its plan year or the following this many years. */
    static final int DEADLINE_YEARS = 5;
    static final int TITLE_LIMIT = 500;

    private final ReformTaskRepository repository;
    private final OrganizationDirectory directory;
    private final RuntimeService runtimeService;
    private final cn.reformoffice.platform.ledger.LedgerRecorder ledger;
    private final LatestVersions latestVersions;
    private final ProcessEngine processEngine;

    ReformTaskService(ReformTaskRepository repository, OrganizationDirectory directory,
            RuntimeService runtimeService, cn.reformoffice.platform.ledger.LedgerRecorder ledger,
            LatestVersions latestVersions, ProcessEngine processEngine) {
        this.repository = repository;
        this.latestVersions = latestVersions;
        this.processEngine = processEngine;
        this.ledger = ledger;
        this.directory = directory;
        this.runtimeService = runtimeService;
    }

    /**
     * Validates, stores and starts a reform task in one transaction: when anything is wrong, nothing
     * is created and no process is started.
     */
    @Transactional
    public ReformTask createAndStart(NewReformTask request, String actorId) {
        ReformTask task = validate(request);
        long id = repository.insert(task, actorId);
        ledger.taskCreated(id, task.code(), task.stage());
        start(id, task);
        return repository.findByCode(task.code()).orElseThrow();
    }

    private void start(long id, ReformTask task) {
        // the latest version, as by key, without asking the database which one that is for every task
        ProcessInstance instance = runtimeService.startProcessInstanceById(
                latestVersions.processDefinitionId(processEngine, PROCESS_KEY), task.code(),
                // what Tasklist shows on the task's card; routing reads the task record, not variables
                Map.of("taskCode", task.code(),
                        "taskTitle", task.title(),
                        "leadUnitName", directory.unitName(task.primaryLeadUnitId())));
        repository.setProcessInstance(id, instance.getId());
    }

    /**
     * Stores a task that has no lead unit yet: stage 待分配 (AWAITING_ASSIGNMENT), no process. The process
     * starts when the office assigns a lead unit ({@link #assignAndStart}). With lead units given, this
     * is {@link #createAndStart}.
     */
    @Transactional
    public ReformTask createAwaitingAssignment(NewReformTask request, String actorId) {
        if (!request.leadUnits().isEmpty()) {
            return createAndStart(request, actorId);
        }
        ReformTask task = validate(request, false, true);
        long id = repository.insert(task, actorId);
        ledger.taskCreated(id, task.code(), task.stage());
        return repository.findByCode(task.code()).orElseThrow();
    }

    /**
     * Replaces the texts and parties of a task whose process has not started (待分配), keeping its code;
     * when the new version names a lead unit, its process starts. 409 for a started task.
     */
    @Transactional
    public ReformTask updateNotStarted(String code, NewReformTask request, String actorId) {
        ReformTask existing = requireAwaitingAssignment(code, "更新");
        ReformTask task = validate(new NewReformTask(code, existing.year(), request.category(), request.title(),
                request.goals(), request.measures(), request.leaders(), request.leadUnits(), request.coopUnits(),
                request.deadline()), false, false);
        ReformTask updated = new ReformTask(existing.id(), code, existing.year(), task.category(), task.title(),
                task.goals(), task.measures(), task.leaderIds(), task.leadUnitIds(), task.coopUnitIds(),
                task.deadline(), task.stage(), null);
        repository.update(updated);
        if (updated.stage() != existing.stage()) {
            ledger.stageChanged(code, updated.stage());
        } else {
            ledger.refresh(code);
        }
        if (!updated.leadUnitIds().isEmpty()) {
            start(existing.id(), updated);
        }
        return repository.findByCode(code).orElseThrow();
    }

    /**
     * Assigns lead units (the first is the primary one) and, optionally, cooperating units to a task
     * awaiting assignment and starts its process. 409 unless the task awaits assignment.
     */
    @Transactional
    public ReformTask assignAndStart(String code, List<String> leadUnits, List<String> coopUnits, String actorId) {
        ReformTask existing = requireAwaitingAssignment(code, "分配牵头单位");
        List<String> coop = coopUnits == null || coopUnits.isEmpty()
                ? existing.coopUnitIds() : coopUnits;
        NewReformTask request = new NewReformTask(code, existing.year(), existing.category(), existing.title(),
                existing.goals(), existing.measures(), existing.leaderIds(), leadUnits == null ? List.of() : leadUnits,
                coop, existing.deadline());
        ReformTask task = validate(request, true, false);
        ReformTask assigned = new ReformTask(existing.id(), code, existing.year(), existing.category(),
                existing.title(), existing.goals(), existing.measures(), task.leaderIds(), task.leadUnitIds(),
                task.coopUnitIds(), existing.deadline(), Stage.DRAFTING, null);
        repository.update(assigned);
        ledger.stageChanged(code, assigned.stage());
        start(existing.id(), assigned);
        return repository.findByCode(code).orElseThrow();
    }

    private ReformTask requireAwaitingAssignment(String code, String action) {
        ReformTask existing = get(code);
        if (existing.stage() != Stage.AWAITING_ASSIGNMENT || existing.processInstanceId() != null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "改革任务“" + code + "”已启动（当前阶段："
                    + existing.stage().label() + "），不能再" + action + "。");
        }
        return existing;
    }

    ReformTask validate(NewReformTask request) {
        return validate(request, true, true);
    }

    /**
     * @param requireLeadUnit without lead units the task is stored as awaiting assignment instead of refused
     * @param newCode         whether a given code must not exist yet
     */
    private ReformTask validate(NewReformTask request, boolean requireLeadUnit, boolean newCode) {
        List<String> problems = new ArrayList<>();
        int year = request.year() != null ? request.year() : Year.now().getValue();
        if (year < 2000 || year > 2100) {
            problems.add("年度“" + year + "”不正确");
        } else if (request.deadline() != null && (request.deadline().getYear() < year
                || request.deadline().getYear() > year + DEADLINE_YEARS)) {
            problems.add("完成时限“" + request.deadline() + "”不正确，应在" + year + "-01-01至" + (year + DEADLINE_YEARS)
                    + "-12-31之间（任务年度起" + (DEADLINE_YEARS + 1) + "年内）");
        }
        String title = trim(request.title());
        if (title == null) {
            problems.add("改革任务名称不能为空");
        } else if (title.length() > TITLE_LIMIT) {
            problems.add("改革任务名称不能超过" + TITLE_LIMIT + "字");
        }
        String code = trim(request.code());
        if (code != null && !code.matches("[A-Za-z0-9\\-_.]{1,64}")) {
            problems.add("任务编号“" + code + "”只能包含字母、数字、“-”“_”“.”，且不超过64位");
        } else if (newCode && code != null && repository.existsByCode(code)) {
            problems.add("任务编号“" + code + "”已存在");
        }
        if (requireLeadUnit && request.leadUnits().isEmpty()) {
            problems.add("牵头单位不能为空，至少指定一个牵头单位");
        }
        List<String> leaders = resolve(request.leaders(), directory::findLeader, Person::id, "领衔领导", problems);
        List<String> leadUnits = resolve(request.leadUnits(), directory::findUnit, Unit::id, "牵头单位", problems);
        List<String> coopUnits = resolve(request.coopUnits(), directory::findUnit, Unit::id, "协同单位", problems);
        coopUnits.removeAll(leadUnits);
        if (!problems.isEmpty()) {
            throw new InvalidReformTaskException(problems);
        }
        return new ReformTask(null, code != null ? code : nextCode(year), year, trim(request.category()), title,
                trim(request.goals()), trim(request.measures()), leaders, leadUnits, coopUnits, request.deadline(),
                leadUnits.isEmpty() ? Stage.AWAITING_ASSIGNMENT : Stage.DRAFTING, null);
    }

    private static <T> List<String> resolve(List<String> names, Function<String, Optional<T>> finder,
            Function<T, String> id, String role, List<String> problems) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String name : names) {
            Optional<T> found = finder.apply(name);
            if (found.isPresent()) {
                ids.add(id.apply(found.get()));
            } else {
                problems.add("未知的" + role + "“" + (name == null ? "" : name.trim()) + "”，请使用组织配置中的名称或编号");
            }
        }
        return new ArrayList<>(ids);
    }

    private String nextCode(int year) {
        for (int n = 1;; n++) {
            String candidate = "%d-%03d".formatted(year, n);
            if (!repository.existsByCode(candidate)) {
                return candidate;
            }
        }
    }

    private static String trim(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /**
     * The code of the reform task an engine task belongs to: its process instance's business key
     * (never a process variable, which a client could have written).
     */
    public String codeOf(org.camunda.bpm.engine.task.Task task) {
        ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).singleResult();
        if (instance == null || instance.getBusinessKey() == null) {
            throw new IllegalStateException("Task " + task.getId() + " belongs to no reform task instance");
        }
        return instance.getBusinessKey();
    }

    public ReformTask get(String code) {
        return repository.findByCode(code).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "改革任务“" + code + "”不存在。"));
    }

    /**
     * The task, if the user may read it: the office, admins, and the task's leaders, lead and
     * cooperating units. Otherwise 403 saying what was refused ({@code what}: "" for the task itself,
     * "的附件", "的延期申请" …).
     */
    public ReformTask getReadable(String code, CurrentUser user, String what) {
        ReformTask task = get(code);
        if (!user.isOfficeOrAdmin() && !task.involves(user.parties())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "您无权查看改革任务“" + code + "”" + what + "。");
        }
        return task;
    }

    public Optional<ReformTask> find(String code) {
        return repository.findByCode(code);
    }

    public List<ReformTask> findAll() {
        return repository.findAll(null);
    }

    /** Tasks in which any of the given units or leaders takes part. */
    public List<ReformTask> findInvolving(List<String> partyIds) {
        return repository.findAll(partyIds);
    }

    public List<TaskRecord> records(String code) {
        return repository.findRecords(code);
    }
}

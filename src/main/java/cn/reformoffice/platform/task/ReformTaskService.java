package cn.reformoffice.platform.task;

import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.organization.OrganizationFile.Person;
import cn.reformoffice.platform.organization.OrganizationFile.Unit;

/** Creates reform tasks and starts their processes; answers questions the process model asks. */
@Service
public class ReformTaskService {

    public static final String PROCESS_KEY = "reform-task";
    static final int TITLE_LIMIT = 500;

    private final ReformTaskRepository repository;
    private final OrganizationDirectory directory;
    private final RuntimeService runtimeService;

    ReformTaskService(ReformTaskRepository repository, OrganizationDirectory directory,
            RuntimeService runtimeService) {
        this.repository = repository;
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
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS_KEY, task.code(),
                Map.of("taskCode", task.code(),
                        "taskTitle", task.title(),
                        "primaryLeadUnit", task.primaryLeadUnitId(),
                        "leadUnitName", directory.unitName(task.primaryLeadUnitId())));
        repository.setProcessInstance(id, instance.getId());
        return repository.findByCode(task.code()).orElseThrow();
    }

    ReformTask validate(NewReformTask request) {
        List<String> problems = new ArrayList<>();
        int year = request.year() != null ? request.year() : Year.now().getValue();
        if (year < 2000 || year > 2100) {
            problems.add("年度“" + year + "”不正确");
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
        } else if (code != null && repository.existsByCode(code)) {
            problems.add("任务编号“" + code + "”已存在");
        }
        if (request.leadUnits().isEmpty()) {
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
                Stage.DRAFTING, null);
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

    public ReformTask get(String code) {
        return repository.findByCode(code).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "改革任务“" + code + "”不存在。"));
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

package cn.reformoffice.platform.planimport;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.reformoffice.platform.deployment.Database;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.planimport.ImportView.Action;
import cn.reformoffice.platform.planimport.ImportView.ExistingTask;
import cn.reformoffice.platform.planimport.ImportView.Name;
import cn.reformoffice.platform.planimport.ImportView.Option;
import cn.reformoffice.platform.planimport.ImportView.Progress;
import cn.reformoffice.platform.planimport.ImportView.Summary;
import cn.reformoffice.platform.planimport.ImportView.TaskRow;
import cn.reformoffice.platform.planimport.ImportView.UnknownName;
import cn.reformoffice.platform.planimport.NameMatcher.Match;
import cn.reformoffice.platform.planimport.NameMatcher.Resolver;
import cn.reformoffice.platform.planimport.NameMatcher.Role;
import cn.reformoffice.platform.planimport.NameMatcher.Status;
import cn.reformoffice.platform.planimport.ParsedPlan.ParsedTask;
import cn.reformoffice.platform.planimport.PlanImportRepository.Stored;
import cn.reformoffice.platform.task.InvalidReformTaskException;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskRepository;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.Stage;

/**
 * Imports a plan in two steps. Preview: read the file, store what was found, and show every task with
 * what confirming would do, writing no task. Confirm: in one transaction, create the units the office
 * asked for, create new tasks (starting the process of those with a lead unit, the others 待分配),
 * update changed tasks not yet started, and leave the rest alone; any failure rolls everything back,
 * process starts included (Camunda takes part in the Spring transaction).
 * <p>
 * Identity across re-imports: a task is the same task when its year and normalised title match
 * ({@link PlanText#titleKey}); failing that, when the stored task with the code the new task would get
 * (same position) has a title found nowhere in the file (its title was edited). New tasks get the code
 * {@code <year>-<category no>-<task no>} (2024-02-03), with a suffix if that code is taken.
 */
@Service
class PlanImportService {

    private static final Logger LOG = LoggerFactory.getLogger(PlanImportService.class);
    private static final Duration STALE = Duration.ofMinutes(10);
    private static final int PROGRESS_EVERY = 10;
    private static final int ANALYZE_FROM = 50;
    /** Tables whose statistics a bulk confirm makes stale on PostgreSQL. */
    private static final List<String> HOT_TABLES = List.of("reform_task", "reform_task_party", "plan_import",
            "act_ru_execution", "act_ru_task", "act_ru_variable", "act_ru_identitylink", "act_ru_authorization",
            "act_ru_event_subscr", "act_ru_job", "act_ge_bytearray", "act_hi_procinst", "act_hi_actinst",
            "act_hi_taskinst", "act_hi_varinst", "act_hi_identitylink", "act_hi_detail", "act_hi_op_log");
    private static final Map<String, String> STATUS_LABELS = Map.of(PlanImportRepository.PREVIEW, "待确认",
            PlanImportRepository.CONFIRMING, "正在导入", PlanImportRepository.CONFIRMED, "已导入",
            PlanImportRepository.FAILED, "导入失败");

    private final PlanFileReader reader;
    private final PlanImportRepository imports;
    private final ReformTaskRepository taskRepository;
    private final ReformTaskService taskService;
    private final NameMatcher matcher;
    private final ImportedUnits importedUnits;
    private final OrganizationDirectory directory;
    private final ObjectMapper json;
    private final JdbcTemplate jdbc;
    private final PlanImportProperties properties;
    private final TransactionTemplate transaction;
    private final TransactionTemplate progressTransaction;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "plan-import");
        thread.setDaemon(true);
        return thread;
    });
    private final Database database;

    PlanImportService(PlanFileReader reader, PlanImportRepository imports, ReformTaskRepository taskRepository,
            ReformTaskService taskService, NameMatcher matcher, ImportedUnits importedUnits,
            OrganizationDirectory directory, ObjectMapper json, JdbcTemplate jdbc, PlanImportProperties properties,
            PlatformTransactionManager transactionManager, Database database) {
        this.reader = reader;
        this.database = database;
        this.imports = imports;
        this.taskRepository = taskRepository;
        this.taskService = taskService;
        this.matcher = matcher;
        this.importedUnits = importedUnits;
        this.directory = directory;
        this.json = json;
        this.jdbc = jdbc;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactionManager);
        this.progressTransaction = new TransactionTemplate(transactionManager);
        this.progressTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        executor.shutdown();
    }

    // --- preview -------------------------------------------------------------------------------

    /** Reads the file and stores the preview; writes no task. */
    ImportView preview(byte[] content, String fileName, Integer year, String actor) {
        ParsedPlan plan = reader.read(content, fileName, year);
        OffsetDateTime now = OffsetDateTime.now();
        imports.deleteExpired(now);
        String id = UUID.randomUUID().toString();
        imports.insert(id, fileName, plan.format(), plan.year(), plan.tasks().size(), toJson(plan), actor, now,
                now.plus(properties.previewTtl()));
        return view(id);
    }

    ImportView view(String id) {
        Stored stored = find(id);
        Progress progress = new Progress(stored.progressDone(), stored.progressTotal());
        if (stored.resultJson() != null && !stored.status().equals(PlanImportRepository.FAILED)) {
            return fromJson(stored.resultJson(), ImportView.class).withState(stored.status(),
                    STATUS_LABELS.get(stored.status()), progress, null, stored.confirmedBy(), stored.confirmedAt());
        }
        ParsedPlan plan = fromJson(stored.planJson(), ParsedPlan.class);
        Resolver resolver = matcher.resolver(Resolutions.NONE, imports.rememberedNames());
        return classify(plan, resolver).view(stored, plan).withState(stored.status(),
                STATUS_LABELS.get(stored.status()), progress, stored.errorMessage(), stored.confirmedBy(),
                stored.confirmedAt());
    }

    List<PlanImportRepository.Listed> latest() {
        return imports.latest(20, OffsetDateTime.now());
    }

    private Stored find(String id) {
        Stored stored = imports.find(id).orElse(null);
        boolean expired = stored != null && stored.expiresAt().isBefore(OffsetDateTime.now())
                && (stored.status().equals(PlanImportRepository.PREVIEW) || stored.status().equals(PlanImportRepository.FAILED));
        if (stored == null || expired) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "导入预览“" + id + "”不存在或已过期（预览保留"
                    + properties.previewTtl().toHours() + "小时），请重新上传文件。");
        }
        return stored;
    }

    // --- confirm -------------------------------------------------------------------------------

    /**
     * Checks the resolutions, takes the import for confirming and runs it on a worker thread (progress is
     * visible through {@link #view}). With {@code wait}, returns when done and throws if it failed.
     */
    ImportView confirm(String id, Resolutions resolutions, String actor, boolean wait) {
        Stored stored = find(id);
        if (stored.status().equals(PlanImportRepository.CONFIRMED)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "此次导入已确认，不能重复确认。如需再次导入，请重新上传文件。");
        }
        ParsedPlan plan = fromJson(stored.planJson(), ParsedPlan.class);
        Resolver resolver = matcher.resolver(resolutions, imports.rememberedNames());
        Classification classification = classify(plan, resolver);
        refuseIfBlocked(classification, resolver);
        OffsetDateTime now = OffsetDateTime.now();
        ImportView snapshot = classification.view(stored, plan);
        if (!imports.claim(id, actor, classification.work(), toJson(snapshot), now, now.minus(STALE))) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "此次导入正在进行或已过期，请刷新后查看。");
        }
        Future<ImportView> running;
        try {
            running = executor.submit(() -> execute(id, resolutions, actor));
        } catch (RuntimeException e) {
            imports.failed(id, "导入未能开始：" + e.getMessage(), OffsetDateTime.now());
            throw e;
        }
        if (!wait) {
            return view(id);
        }
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportRefusedException(HttpStatus.SERVICE_UNAVAILABLE, "等待导入时被中断，请稍后查看导入状态。", List.of());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private void refuseIfBlocked(Classification classification, Resolver resolver) {
        List<String> problems = new ArrayList<>(resolver.problems);
        problems.addAll(classification.problems());
        if (!problems.isEmpty()) {
            throw new ImportRefusedException(HttpStatus.BAD_REQUEST,
                    "未导入：请先处理以下问题（共" + problems.size() + "项）。", problems);
        }
    }

    private ImportView execute(String id, Resolutions resolutions, String actor) {
        int[] written = new int[1];
        try {
            ImportView result = transaction.execute(status -> {
                Stored stored = imports.find(id).orElseThrow();
                ParsedPlan plan = fromJson(stored.planJson(), ParsedPlan.class);
                Resolver resolver = matcher.resolver(resolutions, imports.rememberedNames());
                for (String name : unitsToCreate(plan, resolutions)) {
                    resolver.created(name, importedUnits.create(name));
                }
                Classification classification = classify(plan, resolver);
                refuseIfBlocked(classification, resolver);
                AtomicInteger done = new AtomicInteger();
                for (Planned planned : classification.planned()) {
                    switch (planned.action()) {
                        case NEW -> {
                            NewReformTask request = withFreeCode(planned.request());
                            if (planned.request().leadUnits().isEmpty()) {
                                taskService.createAwaitingAssignment(request, actor);
                            } else {
                                taskService.createAndStart(request, actor);
                            }
                        }
                        case UPDATE -> taskService.updateNotStarted(planned.row().code(), planned.request(), actor);
                        default -> {
                            continue;
                        }
                    }
                    written[0]++;
                    if (done.incrementAndGet() % PROGRESS_EVERY == 0) {
                        progressTransaction.executeWithoutResult(
                                s -> imports.progress(id, done.get(), OffsetDateTime.now()));
                    }
                }
                remember(resolutions, resolver, plan, actor);
                ImportView view = classification.view(stored, plan);
                imports.confirmed(id, toJson(view), OffsetDateTime.now());
                return view;
            });
            LOG.info("Plan import {} confirmed by {}: {}", id, actor, result.summary());
            if (written[0] >= ANALYZE_FROM) {
                analyze();
            }
            return view(id);
        } catch (RuntimeException e) {
            String message = failureMessage(e);
            LOG.warn("Plan import {} failed and was rolled back: {}", id, message, e);
            imports.failed(id, message, OffsetDateTime.now());
            if (e instanceof ErrorResponseException) {
                throw e;
            }
            throw new ImportRefusedException(HttpStatus.INTERNAL_SERVER_ERROR, message, List.of());
        }
    }

    @SuppressWarnings("unchecked")
    private static String failureMessage(RuntimeException e) {
        String reason;
        if (e instanceof InvalidReformTaskException invalid) {
            reason = String.join("；", invalid.problems());
        } else if (e instanceof ImportRefusedException refused && refused.getBody().getProperties() != null) {
            reason = refused.getMessage() + String.join("；", (List<String>) refused.getBody().getProperties().get("errors"));
        } else if (e instanceof ResponseStatusException status) {
            reason = status.getReason();
        } else {
            reason = "系统错误（" + e.getClass().getSimpleName() + "：" + e.getMessage() + "）";
        }
        return "导入失败，已全部撤销：没有创建或更新任何任务，也没有启动任何流程。原因：" + reason;
    }

    private NewReformTask withFreeCode(NewReformTask request) {
        String code = request.code();
        for (int n = 2; taskRepository.existsByCode(code); n++) {
            code = request.code() + "-" + n;
        }
        return code.equals(request.code()) ? request : new NewReformTask(code, request.year(), request.category(),
                request.title(), request.goals(), request.measures(), request.leaders(), request.leadUnits(),
                request.coopUnits(), request.deadline());
    }

    private static Set<String> unitsToCreate(ParsedPlan plan, Resolutions resolutions) {
        Set<String> names = new LinkedHashSet<>();
        plan.tasks().forEach(task -> Stream.concat(task.leadUnits().stream(), task.coopUnits().stream())
                .filter(resolutions.createUnits()::contains).forEach(names::add));
        return names;
    }

    /** Keeps the office's resolutions for later imports (inside the confirm transaction). */
    private void remember(Resolutions resolutions, Resolver resolver, ParsedPlan plan, String actor) {
        OffsetDateTime now = OffsetDateTime.now();
        Set<String> unitNames = new HashSet<>();
        Set<String> leaderNames = new HashSet<>();
        plan.tasks().forEach(task -> {
            unitNames.addAll(task.leadUnits());
            unitNames.addAll(task.coopUnits());
            leaderNames.addAll(task.leaders());
        });
        resolutions.unitMappings().forEach((name, target) -> matcher.knownUnit(target)
                .ifPresent(id -> imports.rememberName(Role.UNIT, name, "MAP", id, actor, now)));
        resolutions.leaderMappings().forEach((name, target) -> matcher.knownLeader(target)
                .ifPresent(id -> imports.rememberName(Role.LEADER, name, "MAP", id, actor, now)));
        for (String name : resolutions.ignore()) {
            if (unitNames.contains(name) && resolver.unit(name).status() == Status.IGNORED) {
                imports.rememberName(Role.UNIT, name, "IGNORE", null, actor, now);
            }
            if (leaderNames.contains(name) && resolver.leader(name).status() == Status.IGNORED) {
                imports.rememberName(Role.LEADER, name, "IGNORE", null, actor, now);
            }
        }
    }

    private void analyze() {
        if (!database.isPostgres()) {
            return;
        }
        long start = System.nanoTime();
        for (String table : HOT_TABLES) {
            try {
                jdbc.execute("analyze " + table);
            } catch (DataAccessException e) {
                LOG.debug("analyze {} failed: {}", table, e.getMessage());
            }
        }
        LOG.info("Analyzed {} tables after a bulk import in {} ms", HOT_TABLES.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    // --- classification ------------------------------------------------------------------------

    private record Planned(TaskRow row, Action action, NewReformTask request) {
    }

    private record Classification(List<Planned> planned, List<UnknownName> unknownNames,
            List<ExistingTask> notInFile, List<String> problems, List<Option> units, List<Option> leaders) {

        int work() {
            return (int) planned.stream().filter(p -> p.action() == Action.NEW || p.action() == Action.UPDATE).count();
        }

        ImportView view(Stored stored, ParsedPlan plan) {
            List<TaskRow> rows = planned.stream().map(Planned::row).toList();
            int warnings = plan.warnings().size() + rows.stream().mapToInt(r -> r.warnings().size()).sum();
            int errors = rows.stream().mapToInt(r -> r.errors().size()).sum();
            Summary summary = new Summary(rows.size(), count(Action.NEW), count(Action.UPDATE), count(Action.UNCHANGED),
                    count(Action.KEEP_STARTED),
                    (int) planned.stream().filter(p -> writes(p) && !p.row().awaitingAssignment()).count(),
                    (int) planned.stream().filter(p -> writes(p) && p.row().awaitingAssignment()).count(),
                    unknownNames.size(), warnings, errors);
            return new ImportView(stored.id(), stored.status(), STATUS_LABELS.get(stored.status()), stored.fileName(),
                    plan.format(), plan.title(), plan.number(), plan.year(), stored.createdBy(), stored.createdAt(),
                    stored.expiresAt(), stored.confirmedBy(), stored.confirmedAt(), summary, plan.categories(), rows,
                    unknownNames, notInFile, plan.warnings(), problems, null, null, units, leaders);
        }

        private static boolean writes(Planned planned) {
            return planned.action() == Action.NEW || planned.action() == Action.UPDATE;
        }

        private int count(Action action) {
            return (int) planned.stream().filter(p -> p.action() == action).count();
        }
    }

    private Classification classify(ParsedPlan plan, Resolver resolver) {
        int year = plan.year();
        List<ReformTask> existing = taskRepository.findByYear(year);
        Map<String, ReformTask> byTitle = new HashMap<>();
        Map<String, ReformTask> byCode = new HashMap<>();
        existing.forEach(task -> {
            byTitle.putIfAbsent(PlanText.titleKey(task.title()), task);
            byCode.put(task.code(), task);
        });
        Set<String> takenCodes = new HashSet<>(imports.codesOfYear(year));
        Set<String> fileTitles = new HashSet<>();
        plan.tasks().forEach(task -> fileTitles.add(PlanText.titleKey(task.title())));

        // identity: same year and title; else the task at the same position whose title the file no longer has
        List<ParsedTask> tasks = plan.tasks();
        ReformTask[] matched = new ReformTask[tasks.size()];
        Set<Long> used = new HashSet<>();
        Map<String, Integer> firstWithTitle = new HashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            String key = PlanText.titleKey(tasks.get(i).title());
            firstWithTitle.putIfAbsent(key, i);
            ReformTask same = byTitle.get(key);
            if (same != null && used.add(same.id())) {
                matched[i] = same;
            }
        }
        for (int i = 0; i < tasks.size(); i++) {
            ReformTask atPosition = byCode.get(baseCode(year, tasks.get(i)));
            if (matched[i] == null && atPosition != null && !used.contains(atPosition.id())
                    && !fileTitles.contains(PlanText.titleKey(atPosition.title()))) {
                matched[i] = atPosition;
                used.add(atPosition.id());
            }
        }

        Map<String, UnknownAccumulator> unknown = new LinkedHashMap<>();
        List<Planned> planned = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            ParsedTask task = tasks.get(i);
            ReformTask same = matched[i];
            String code;
            if (same != null) {
                code = same.code();
            } else {
                code = baseCode(year, task);
                for (int n = 2; takenCodes.contains(code); n++) {
                    code = baseCode(year, task) + "-" + n;
                }
                takenCodes.add(code);
            }
            List<String> warnings = new ArrayList<>(task.warnings());
            List<String> errors = new ArrayList<>(task.errors());
            List<Name> leaders = names(task.leaders(), resolver::leader, Role.LEADER, code, unknown, warnings);
            List<Name> leadUnits = names(task.leadUnits(), resolver::unit, Role.UNIT, code, unknown, warnings);
            List<Name> coopUnits = names(task.coopUnits(), resolver::unit, Role.UNIT, code, unknown, warnings);
            List<String> leaderIds = ids(leaders);
            List<String> leadIds = ids(leadUnits);
            List<String> coopIds = new ArrayList<>(ids(coopUnits));
            coopIds.removeAll(leadIds);

            String title = PlanText.clean(task.title());
            if (title.isEmpty()) {
                errors.add(task.location() + "的任务名称为空");
            } else if (title.length() > 500) {
                errors.add(task.location() + "的任务名称超过500字，请检查是否缺少句号“。”");
            }
            if (task.category() != null && task.category().length() > 200) {
                errors.add(task.location() + "的类别名称超过200字");
            }
            String measures = measuresText(task.measures());
            if ((task.goals() != null && task.goals().length() > 20000) || (measures != null && measures.length() > 20000)) {
                errors.add(task.location() + "的主要目标或重点举措超过20000字");
            }
            int first = firstWithTitle.get(PlanText.titleKey(task.title()));
            if (first != i) {
                errors.add("任务名称与" + tasks.get(first).location() + "的任务重复");
            }
            LocalDate deadline = task.deadline() != null ? task.deadline() : LocalDate.of(year, 12, 31);
            NewReformTask request = new NewReformTask(code, year, task.category(), title, task.goals(), measures,
                    leaderIds, leadIds, coopIds, deadline);

            Action action = Action.NEW;
            List<String> changes = List.of();
            if (same != null) {
                changes = changes(same, request);
                boolean notStarted = same.stage() == Stage.AWAITING_ASSIGNMENT && same.processInstanceId() == null;
                action = changes.isEmpty() ? Action.UNCHANGED : notStarted ? Action.UPDATE : Action.KEEP_STARTED;
                if (action == Action.KEEP_STARTED) {
                    warnings.add("任务已启动（" + same.stage().label() + "），文件中的修改（" + String.join("、", changes)
                            + "）不会自动更新，请在任务中处理");
                }
            }
            // an unknown lead unit will be mapped or created before confirming; only none at all means 待分配
            boolean awaiting = leadUnits.stream().noneMatch(n -> n.id() != null || Status.UNKNOWN.name().equals(n.status()));
            if (awaiting && (action == Action.NEW || action == Action.UPDATE)) {
                warnings.add("没有牵头单位，将作为“待分配”任务导入，改革办分配牵头单位后启动流程");
            }
            for (String error : errors) {
                problems.add(code + " " + PlanText.quote(title) + "：" + error);
            }
            TaskRow row = new TaskRow(i + 1, code, action.name(), action.label, same == null ? null : same.stage().label(),
                    task.categoryNo(), task.category(), task.seq(), title, task.goals(), task.measures(), leaders,
                    leadUnits, coopUnits, deadline, awaiting, task.location(), changes, warnings, errors);
            planned.add(new Planned(row, action, request));
        }
        List<UnknownName> unknownNames = unknown.values().stream().map(u -> new UnknownName(u.role.name(),
                u.role.label, u.name, matcher.suggestions(u.role, u.name), u.tasks)).toList();
        List<String> blocking = new ArrayList<>();
        unknownNames.forEach(u -> blocking.add("未处理的" + u.roleLabel() + "名称“" + u.name()
                + "”：请映射到已有" + (u.role().equals(Role.UNIT.name()) ? "单位、新建单位" : "领导") + "或忽略"));
        blocking.addAll(problems);
        List<ExistingTask> notInFile = existing.stream().filter(task -> !used.contains(task.id()))
                .map(task -> new ExistingTask(task.code(), task.title(), task.stage().name(), task.stage().label()))
                .toList();
        List<Option> units = Stream.concat(directory.units().stream(), directory.runtimeUnits().stream())
                .map(unit -> new Option(unit.id(), unit.name())).toList();
        List<Option> leaderOptions = directory.leaders().stream().map(p -> new Option(p.id(), p.name())).toList();
        return new Classification(planned, unknownNames, notInFile, blocking, units, leaderOptions);
    }

    private static String baseCode(int year, ParsedTask task) {
        return "%d-%02d-%02d".formatted(year, Math.max(task.categoryNo(), 1), task.seq());
    }

    private static String measuresText(List<String> measures) {
        if (measures.isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) {
            lines.add("（" + (i + 1) + "）" + measures.get(i));
        }
        return String.join("\n", lines);
    }

    private static List<String> changes(ReformTask stored, NewReformTask file) {
        List<String> changes = new ArrayList<>();
        compare(changes, "类别", stored.category(), file.category());
        compare(changes, "任务名称", stored.title(), file.title());
        compare(changes, "主要目标", stored.goals(), file.goals());
        compare(changes, "重点举措", stored.measures(), file.measures());
        compare(changes, "完成时限", stored.deadline(), file.deadline());
        compare(changes, "领衔领导", stored.leaderIds(), file.leaders());
        compare(changes, "牵头单位", stored.leadUnitIds(), file.leadUnits());
        compare(changes, "协同单位", stored.coopUnitIds(), file.coopUnits());
        return changes;
    }

    private static void compare(List<String> changes, String label, Object stored, Object file) {
        Object a = stored instanceof String s ? PlanText.blankToNull(s) : stored;
        Object b = file instanceof String s ? PlanText.blankToNull(s) : file;
        if (!Objects.equals(a, b)) {
            changes.add(label);
        }
    }

    private static final class UnknownAccumulator {
        final Role role;
        final String name;
        final List<String> tasks = new ArrayList<>();

        UnknownAccumulator(Role role, String name) {
            this.role = role;
            this.name = name;
        }
    }

    private List<Name> names(List<String> names, Function<String, Match> resolve, Role role, String code,
            Map<String, UnknownAccumulator> unknown, List<String> warnings) {
        List<Name> result = new ArrayList<>();
        for (String name : names) {
            Match match = resolve.apply(name);
            result.add(new Name(name, match.status().name(), match.id(), match.displayName()));
            if (match.status() == Status.UNKNOWN) {
                unknown.computeIfAbsent(role + "|" + name, k -> new UnknownAccumulator(role, name)).tasks.add(code);
                warnings.add(role.label + "“" + name + "”不在组织配置中，请映射、" + (role == Role.UNIT ? "新建或" : "") + "忽略");
            }
        }
        return result;
    }

    private static List<String> ids(List<Name> names) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        names.stream().filter(n -> n.id() != null).forEach(n -> ids.add(n.id()));
        return new ArrayList<>(ids);
    }

    // --- JSON ----------------------------------------------------------------------------------

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T fromJson(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

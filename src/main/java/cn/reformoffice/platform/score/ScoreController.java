package cn.reformoffice.platform.score;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.ReformPlatformApplication;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.CurrentUser;

/**
 * The unit scores (考核得分) over REST. Who sees what:
 * <ul>
 * <li>the office (and admins): every unit's score and breakdown, the units not ranked, the Excel export;</li>
 * <li>a leader: the units that lead or co-operate on the tasks they lead, each with its breakdown and its
 * place in the whole ranking;</li>
 * <li>a unit's staff: their own unit's score, breakdown and place ("第 2 名，共 5 个单位"), not other units'.</li>
 * </ul>
 * {@code unit} narrows to one unit; asking for a unit one may not see is refused (403).
 */
@RestController
class ScoreController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final ZoneId CHINA = ZoneId.of(ReformPlatformApplication.CHINA_ZONE);

    private final ScoreCalculator calculator;
    private final CurrentUser currentUser;
    private final OrganizationDirectory directory;
    private final JdbcClient jdbc;

    ScoreController(ScoreCalculator calculator, CurrentUser currentUser, OrganizationDirectory directory,
            JdbcClient jdbc) {
        this.calculator = calculator;
        this.currentUser = currentUser;
        this.directory = directory;
        this.jdbc = jdbc;
    }

    @GetMapping("/api/scores")
    ScoreBoard scores(@RequestParam(required = false) String period, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String unit) {
        Viewer viewer = viewer();
        Period p = period(period);
        LocalDate cutoff = cutoff(p, asOf);
        String unitId = unit == null || unit.isBlank() ? null : unit.trim();
        if (unitId != null) {
            if (directory.findUnit(unitId).filter(u -> u.id().equals(unitId)).isEmpty()) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "单位“" + unitId + "”不存在，请从排名中选择单位。");
            }
            if (viewer.units() != null && !viewer.units().contains(unitId)) {
                throw new ResponseStatusException(HttpStatus.FORBIDDEN, "leader".equals(viewer.view())
                        ? "您只能查看您领衔的改革任务所涉单位的考核得分，无权查看“" + directory.unitName(unitId) + "”的得分。"
                        : "您只能查看本单位的考核得分，无权查看“" + directory.unitName(unitId) + "”的得分。");
            }
        }
        ScoreCalculator.Result result = calculator.compute(p, cutoff);
        List<ScoreBoard.UnitScore> rows = result.ranked().stream()
                .filter(s -> viewer.units() == null || viewer.units().contains(s.unitId()))
                .filter(s -> unitId == null || unitId.equals(s.unitId())).toList();
        List<ScoreBoard.Unit> unranked = result.unranked().stream()
                .filter(u -> viewer.units() == null || viewer.units().contains(u.unitId()))
                .filter(u -> unitId == null || unitId.equals(u.unitId())).toList();
        return new ScoreBoard(p.id(), p.label(), p.start(), p.end(), cutoff, cutoff.equals(p.end()), viewer.view(),
                result.ranked().size(), rows, unranked, calculator.rules());
    }

    /** The periods that have begun, newest year first, and the one to show first (the current quarter). */
    @GetMapping("/api/scores/periods")
    Map<String, Object> periods() {
        viewer();
        LocalDate today = today();
        LocalDate first = jdbc.sql("select min(occurred_on) from ledger_event").query(LocalDate.class).optional()
                .orElse(null);
        int firstYear = first == null || first.getYear() > today.getYear() ? today.getYear()
                : Math.max(first.getYear(), today.getYear() - 10);
        List<Map<String, Object>> periods = new ArrayList<>();
        for (int year = today.getYear(); year >= firstYear; year--) {
            for (Period p : Period.begunIn(year, today)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", p.id());
                entry.put("label", p.label());
                entry.put("year", year);
                entry.put("start", p.start());
                entry.put("end", p.end());
                periods.add(entry);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("today", today);
        answer.put("current", Period.quarterOf(today).id());
        answer.put("periods", periods);
        return answer;
    }

    /** The office's Excel file: the ranking with each item's count and points, the details and the rules. */
    @GetMapping("/api/scores.xlsx")
    ResponseEntity<byte[]> workbook(@RequestParam(required = false) String period,
            @RequestParam(required = false) String asOf) {
        currentUser.requireOffice("导出考核得分");
        Period p = period(period);
        LocalDate cutoff = cutoff(p, asOf);
        ScoreCalculator.Result result = calculator.compute(p, cutoff);
        ScoreBoard board = new ScoreBoard(p.id(), p.label(), p.start(), p.end(), cutoff, cutoff.equals(p.end()),
                "office", result.ranked().size(), result.ranked(), result.unranked(), calculator.rules());
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("单位考核得分-" + p.id() + "-截至" + cutoff + ".xlsx", StandardCharsets.UTF_8)
                        .build().toString())
                .body(ScoreWorkbook.write(board));
    }

    /** Whose scores the user may see: {@code units} null for every unit. */
    record Viewer(String view, Set<String> units) {
    }

    private Viewer viewer() {
        if (currentUser.isOfficeOrAdmin()) {
            return new Viewer("office", null);
        }
        List<String> groups = currentUser.groupIds();
        if (groups.contains(OrganizationDirectory.LEADERS_GROUP)) {
            Set<String> units = jdbc.sql("""
                    select distinct u.party_id from reform_task_party l
                    join reform_task_party u on u.task_id = l.task_id and u.role in ('LEAD_UNIT', 'COOP_UNIT')
                    where l.role = 'LEADER' and l.party_id = ?""").param(currentUser.id()).query(String.class)
                    .set();
            return new Viewer("leader", units);
        }
        Set<String> units = groups.stream()
                .filter(g -> directory.findUnit(g).filter(u -> u.id().equals(g)).isPresent())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        if (units.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "考核得分供市委改革办、领衔领导和各责任单位查看；您的账号不属于任何单位，无法查看。");
        }
        return new Viewer("unit", units);
    }

    static Period period(String text) {
        if (text == null || text.isBlank()) {
            return Period.quarterOf(today());
        }
        return Period.parse(text).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "考核期“" + text.strip() + "”格式不正确：季度写作 2026Q3，半年写作 2026H1 或 2026H2，全年写作 2026。"));
    }

    /** The day the figures are taken at: asOf (today if none), at most the period's end and today. */
    static LocalDate cutoff(Period period, String asOf) {
        LocalDate today = today();
        LocalDate day = today;
        if (asOf != null && !asOf.isBlank()) {
            try {
                day = LocalDate.parse(asOf.strip());
            } catch (DateTimeParseException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "统计截止日期“" + asOf.strip() + "”格式不正确，请写作 2026-09-30。");
            }
        }
        if (period.start().isAfter(today)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "考核期“" + period.label() + "”尚未开始（" + period.start() + " 开始），暂无得分。");
        }
        if (day.isBefore(period.start())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "统计截止日期 " + day + " 早于考核期“"
                    + period.label() + "”的开始日期 " + period.start() + "，请选择考核期内或之后的日期。");
        }
        LocalDate cutoff = day.isAfter(period.end()) ? period.end() : day;
        return cutoff.isAfter(today) ? today : cutoff;
    }

    static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(CHINA).toLocalDate();
    }
}

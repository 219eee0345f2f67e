package cn.reformoffice.platform.ledger.export;

import static cn.reformoffice.platform.browser.ReformApi.MAP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.ledger.LedgerRecorder;

/**
 * The office's spreadsheets downloaded over HTTP as the demo users and opened with POI (H2, authorization
 * on, the engine's clock moved): the ledger export cell by cell (title, header, values, the light's fill,
 * frozen header, file name), read back by the plan import as the same tasks; who exports what; a large
 * export streamed in chunks with its temporary files deleted; the quarterly reconciliation with each
 * status and the units' totals, reproduced for a past day after later events; and bad parameters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ledgerexportit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class LedgerExportIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String MEASURES = "（1）推进公共数据授权运营\n（2）建立登记规则。";

    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired JdbcClient jdbc;
    @Autowired WorkingCalendar calendar;
    @Autowired LedgerRecorder recorder;

    private final ReformApi api = new ReformApi(() -> rest);
    private static int sequence;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // --- the ledger export ---------------------------------------------------------------------

    @Test
    void theLedgerExportShowsEveryColumnTheLightsColourAndReadsBackThroughTheImport() throws IOException {
        at(LocalDate.of(2026, 9, 25));
        String red = create("台账导出甲：深化数据要素改革", "数据要素", List.of("fgw"), List.of("zhaomingyuan"),
                List.of("czj"), "2026-10-31");
        String reported = create("台账导出乙：推进政务服务集成", "营商环境", List.of("fgw"), List.of(), List.of(),
                "2026-12-31");
        toImplementation(reported);
        assertThat(api.post("office1", "/api/tasks/" + reported + "/quarterly-report", null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        Task report = step(reported, "Task_SubmitQuarterlyReport");
        LocalDate reportDue = dueOf(report);
        LocalDate draftDue = LocalDate.parse((String) row("office1", red).get("stepDue"));

        LocalDate reportedOn = calendar.addWorkingDays(reportDue, 2);
        at(reportedOn);
        taskService.complete(report.getId(), Map.of("reportProgress", "完成调研，起草办法。\n下一步征求意见。",
                "reportStatus", "behind", "reportNextSteps", "征求意见"));
        LocalDate today = calendar.addWorkingDays(draftDue.isAfter(reportedOn) ? draftDue : reportedOn, 1);
        at(today);
        recorder.refreshAll();
        String green = create("台账导出丙：健全基层医疗卫生服务体系", "社会事业", List.of("wjw"), List.of("qianlixin"),
                List.of("ybj", "mzj"), "2026-11-30");

        ResponseEntity<byte[]> download = download("office1", "/api/ledger/export.xlsx?q=台账导出");
        assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(download.getHeaders().getContentType()).hasToString(XLSX);
        String title = "2026年全面深化改革工作台账（截至" + chinese(today) + "）";
        assertThat(download.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;")
                .contains("filename*=UTF-8''");
        assertThat(ContentDisposition.parse(download.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .getFilename()).isEqualTo("2026年工作台账（截至" + chinese(today) + "）.xlsx");

        try (XSSFWorkbook workbook = open(download.getBody())) {
            Sheet sheet = workbook.getSheet("工作台账");
            assertThat(text(sheet, 0, 0)).isEqualTo(title);
            assertThat(sheet.getMergedRegions()).contains(new CellRangeAddress(0, 0, 0, 12));
            assertThat(text(sheet, 1, 0)).isEqualTo("筛选条件　搜索：“台账导出”");
            assertThat(cells(sheet.getRow(2))).containsExactly("序号", "类别", "改革任务", "主要目标", "重点举措", "领衔领导",
                    "牵头单位", "协同单位", "完成时限", "进展情况", "完成状态", "红黄绿", "备注");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).as("rows frozen").isEqualTo((short) 3);
            assertThat(sheet.getColumnWidth(4)).as("重点举措 is wide").isGreaterThan(sheet.getColumnWidth(0) * 5);
            assertThat(sheet.getRow(3).getCell(4).getCellStyle().getWrapText()).isTrue();
            assertThat(sheet.getLastRowNum()).as("three tasks, in code order").isEqualTo(5);

            Map<String, Object> redRow = row("office1", red);
            Row a = sheet.getRow(3);
            assertThat(a.getCell(0).getNumericCellValue()).isEqualTo(1);
            assertThat(cells(a).subList(1, 8)).containsExactly("数据要素", "台账导出甲：深化数据要素改革",
                    "目标：台账导出甲：深化数据要素改革", MEASURES, "赵明远", "市发展改革委", "市财政局");
            assertThat(a.getCell(8).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 10, 31));
            assertThat(a.getCell(9).getStringCellValue()).isEqualTo("当前环节：方案制定（市发展改革委办理，" + draftDue + "到期）");
            assertThat(a.getCell(10).getStringCellValue()).isEqualTo("未启动");
            assertThat(redRow).containsEntry("light", "RED");
            assertLight(a.getCell(11), "红灯", "FFFF0000");
            assertThat(a.getCell(12).getStringCellValue()).isEqualTo(redRow.get("lightReason") + "\n任务编号：" + red);

            Map<String, Object> reportedRow = row("office1", reported);
            Row b = sheet.getRow(4);
            assertThat(b.getCell(0).getNumericCellValue()).isEqualTo(2);
            assertThat(text(sheet, 4, 2)).isEqualTo("台账导出乙：推进政务服务集成");
            assertThat(text(sheet, 4, 5)).as("no leader").isEmpty();
            assertThat(b.getCell(9).getStringCellValue()).startsWith("2026年第3季度（" + reportedOn
                    + "报送，迟报2个工作日）：完成调研，起草办法。 下一步征求意见。\n单位自评：进度滞后\n当前环节：");
            assertThat(b.getCell(10).getStringCellValue()).isEqualTo("推进中");
            String light = (String) reportedRow.get("light");
            assertLight(b.getCell(11), (String) reportedRow.get("lightLabel"),
                    Map.of("RED", "FFFF0000", "YELLOW", "FFFFFF00", "GREEN", "FF00B050").get(light));
            assertThat(b.getCell(12).getStringCellValue()).endsWith("任务编号：" + reported);

            Row c = sheet.getRow(5);
            assertThat(cells(c).subList(5, 8)).containsExactly("钱立新", "市卫生健康委", "市医保局、市民政局");
            assertThat(row("office1", green)).containsEntry("light", "GREEN");
            assertLight(c.getCell(11), "绿灯", "FF00B050");
            assertThat(c.getCell(12).getStringCellValue()).isEqualTo("任务编号：" + green);
        }

        // the import reads the export back as the same tasks, unchanged
        ResponseEntity<Map<String, Object>> preview = preview(download.getBody(), "工作台账导出.xlsx");
        assertThat(preview.getStatusCode()).as("preview: %s", preview.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(preview.getBody()).containsEntry("year", 2026).containsEntry("title", title);
        List<Map<String, Object>> tasks = list(preview.getBody().get("tasks"));
        assertThat(tasks).hasSize(3);
        Map<String, Map<String, Object>> byCode = new LinkedHashMap<>();
        tasks.forEach(t -> byCode.put((String) t.get("code"), t));
        assertThat(byCode).containsOnlyKeys(red, reported, green);
        for (String code : List.of(red, reported, green)) {
            Map<String, Object> task = api.get("office1", "/api/tasks/" + code, MAP).getBody();
            Map<String, Object> read = byCode.get(code);
            assertThat(read.get("title")).isEqualTo(task.get("title"));
            assertThat(read.get("category")).isEqualTo(task.get("category"));
            assertThat(read.get("deadline")).isEqualTo(task.get("deadline"));
            assertThat(ids(read.get("leaders"))).isEqualTo(partyIds(task.get("leaders")));
            assertThat(ids(read.get("leadUnits"))).isEqualTo(partyIds(task.get("leadUnits")));
            assertThat(ids(read.get("coopUnits"))).isEqualTo(partyIds(task.get("coopUnits")));
            assertThat(read.get("changes")).as("what the import would change in %s", code).isEqualTo(List.of());
            assertThat(read).containsEntry("action", "UNCHANGED");
        }
        assertThat(list(preview.getBody().get("unknownNames"))).isEmpty();
    }

    @Test
    void unitsAndLeadersExportOnlyTheirOwnTasks() throws IOException {
        at(LocalDate.of(2026, 11, 2));
        String fgw = create("范围导出：发改牵头", "范围", List.of("fgw"), List.of("zhaomingyuan"), List.of("czj"), "2026-12-31");
        String wjw = create("范围导出：卫健牵头", "范围", List.of("wjw"), List.of("qianlixin"), List.of(), "2026-12-31");

        assertThat(exportedCodes("office1", "q=范围导出")).containsExactlyInAnyOrder(fgw, wjw);
        assertThat(exportedCodes("admin", "q=范围导出")).containsExactlyInAnyOrder(fgw, wjw);
        assertThat(exportedCodes("fgw1", "q=范围导出")).containsExactly(fgw);
        assertThat(exportedCodes("czj1", "q=范围导出")).as("a cooperating unit").containsExactly(fgw);
        assertThat(exportedCodes("zhaomingyuan", "q=范围导出")).as("the lead leader").containsExactly(fgw);
        assertThat(exportedCodes("wjw1", "q=范围导出")).containsExactly(wjw);
        assertThat(exportedCodes("fgw1", "")).as("everything fgw may see").contains(fgw).doesNotContain(wjw);
        assertThat(exportedCodes("fgw1", "unit=wjw")).as("filtering for another unit").isEmpty();
        assertThat(exportedCodes("fgw1", "q=卫健牵头")).isEmpty();
        assertThat(exportedCodes("office1", "unit=wjw&q=范围导出")).containsExactly(wjw);
    }

    @Test
    void aLargeExportStreamsEveryRowInOrderAndLeavesNoTemporaryFiles() throws IOException {
        int count = 1234;
        OffsetDateTime now = OffsetDateTime.now(CHINA);
        for (int i = 1; i <= count; i++) {
            String code = "2031-BULK-%04d".formatted(i);
            long id = jdbc.sql("""
                    insert into reform_task (code, plan_year, category, title, deadline, stage, created_at, updated_at)
                    values (?, 2031, '批量', ?, ?, 'AWAITING_ASSIGNMENT', ?, ?)""")
                    .params(code, "批量任务" + i, LocalDate.of(2031, 12, 31), now, now).update() == 1
                    ? jdbc.sql("select id from reform_task where code = ?").param(code).query(Long.class).single() : -1;
            jdbc.sql("insert into reform_task_party (task_id, role, position, party_id) values (?, 'LEAD_UNIT', 0, ?)")
                    .params(id, i % 2 == 0 ? "fgw" : "wjw").update();
            jdbc.sql("""
                    insert into ledger_entry (task_id, task_code, plan_year, category, stage, deadline, search_text, light,
                                              light_rank, light_changed_at, updated_at)
                    values (?, ?, 2031, '批量', 'AWAITING_ASSIGNMENT', ?, ?, 'UNASSIGNED', 3, ?, ?)""")
                    .params(id, code, LocalDate.of(2031, 12, 31), (code + "\n批量任务" + i).toLowerCase(), now, now).update();
        }
        Path temp = Files.createTempDirectory("xlsx-it-poi");
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(temp.toFile()));
        try {
            ResponseEntity<byte[]> download = download("office1", "/api/ledger/export.xlsx?year=2031");
            assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
            try (Stream<Path> left = Files.walk(temp)) {
                assertThat(left.filter(Files::isRegularFile).toList()).as("temporary files after the export").isEmpty();
            }
            try (XSSFWorkbook workbook = open(download.getBody())) {
                Sheet sheet = workbook.getSheetAt(0);
                assertThat(text(sheet, 0, 0)).startsWith("2031年全面深化改革工作台账（截至");
                assertThat(text(sheet, 1, 0)).isEqualTo("筛选条件　年度：2031");
                assertThat(sheet.getLastRowNum()).isEqualTo(2 + count);
                for (int i = 1; i <= count; i++) {
                    Row row = sheet.getRow(2 + i);
                    assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(i);
                    assertThat(row.getCell(2).getStringCellValue()).isEqualTo("批量任务" + i);
                    assertThat(row.getCell(6).getStringCellValue()).isEqualTo(i % 2 == 0 ? "市发展改革委" : "市卫生健康委");
                    assertThat(row.getCell(11).getStringCellValue()).isEqualTo("待分配");
                }
            }
        } finally {
            TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
        }
    }

    @Test
    void badParametersAndOtherUsersAreRefusedInChinese() {
        assertError("office1", "/api/ledger/export.xlsx?light=PURPLE&year=abc", HttpStatus.BAD_REQUEST,
                "台账查询条件有误", "灯只能是红灯、黄灯、绿灯、已销号或待分配", "年度（year）应为整数");
        assertError("fgw1", "/api/ledger/export.xlsx?sort=nonsense", HttpStatus.BAD_REQUEST, "排序方式不正确");
        assertError("office1", "/api/ledger?overdue=maybe", HttpStatus.BAD_REQUEST, "只看逾期（overdue）应为 true 或 false");
        assertError("fgw1", "/api/ledger/quarterly.xlsx?quarter=2026Q3", HttpStatus.FORBIDDEN,
                "只有市委改革办工作人员或系统管理员可以下载季度对账表");
        assertError("zhaomingyuan", "/api/ledger/quarterly.xlsx?quarter=2026Q3", HttpStatus.FORBIDDEN, "只有市委改革办");
        assertError("office1", "/api/ledger/quarterly.xlsx?quarter=2026Q5", HttpStatus.BAD_REQUEST,
                "季度“2026Q5”格式不正确", "2026Q3");
        assertError("office1", "/api/ledger/quarterly.xlsx?quarter=三季度", HttpStatus.BAD_REQUEST, "格式不正确");
        assertError("office1", "/api/ledger/quarterly.xlsx", HttpStatus.BAD_REQUEST, "请指定季度");
        assertError("office1", "/api/ledger/quarterly.xlsx?quarter=2026Q3&asOf=2026-13-01", HttpStatus.BAD_REQUEST,
                "参数“asOf”的值“2026-13-01”格式不正确");
        LocalDate tomorrow = LocalDate.now(CHINA).plusDays(1);
        assertError("office1", "/api/ledger/quarterly.xlsx?quarter=2026Q3&asOf=" + tomorrow, HttpStatus.BAD_REQUEST,
                "晚于今天");
        assertThat(download("office1", "/api/ledger/quarterly.xlsx?quarter=2026q3").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(download("admin", "/api/ledger/quarterly.xlsx?quarter=2026Q3").getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    // --- the quarterly reconciliation ----------------------------------------------------------

    @Test
    void theQuarterlyReconciliationCountsEachStatusAndReproducesForAPastDay() throws IOException {
        LocalDate asked = LocalDate.of(2026, 11, 2);
        at(asked);
        String onTime = implementing("对账按时一", "fgw");
        String onTime2 = implementing("对账按时二", "fgw");
        String late = implementing("对账迟报", "fgw");
        String missing = implementing("对账未报", "wjw");
        String returned = implementing("对账退回", "wjw");
        String pending = implementing("对账待报", "czj");
        for (String code : List.of(onTime, onTime2, late, missing, returned)) {
            requestReport(code);
        }
        LocalDate due = dueOf(step(onTime, "Task_SubmitQuarterlyReport"));

        LocalDate early = calendar.subtractWorkingDays(due, 1);
        at(early);
        submit(onTime, "按时报送的进展。", "on-track");
        submit(onTime2, "第二项按时。", "completed");
        submit(returned, "第一次报送，内容简略。", "on-track");
        taskService.complete(step(returned, "Task_ReconcileReport").getId(),
                Map.of("reportDecision", "return", "reportComment", "请补充数据"));
        assertThat(jdbc.sql("select quarter_label from ledger_event where task_code = ? and event_type = 'RETURNED'")
                .param(returned).query(String.class).single()).as("a return keeps its quarter").isEqualTo("2026年第4季度");

        LocalDate asOf = calendar.addWorkingDays(due, 2);
        at(asOf);
        submit(late, "迟报的进展。", "behind");
        requestReport(pending);
        LocalDate pendingDue = dueOf(step(pending, "Task_SubmitQuarterlyReport"));
        assertThat(pendingDue).as("asked later, due later").isAfterOrEqualTo(asOf);

        ResponseEntity<byte[]> first = download("office1", "/api/ledger/quarterly.xlsx?quarter=2026Q4");
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ContentDisposition.parse(first.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).getFilename())
                .isEqualTo("2026年第四季度报送对账表（截至" + chinese(asOf) + "）.xlsx");
        List<List<String>> lines;
        List<List<String>> units;
        try (XSSFWorkbook workbook = open(first.getBody())) {
            Sheet sheet = workbook.getSheet("对账明细");
            assertThat(text(sheet, 0, 0)).isEqualTo("2026年第四季度改革任务报送对账表（截至" + chinese(asOf) + "）");
            assertThat(text(sheet, 1, 0)).isEqualTo("应报6项：按时3项，迟报1项，未报1项，待报1项；退回补充1项（待重新报送1项）");
            assertThat(cells(sheet.getRow(2))).containsExactly("序号", "任务编号", "改革任务", "牵头单位", "发起日期",
                    "报送截止日期", "报送日期", "状态", "退回次数", "单位自评", "进展摘要");
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 3);
            Map<String, Row> rows = rowsByCode(sheet, 1);
            assertThat(rows).containsOnlyKeys(onTime, onTime2, late, missing, returned, pending);

            Row r = rows.get(onTime);
            assertThat(cells(r).subList(1, 4)).containsExactly(onTime, "对账按时一", "市发展改革委");
            assertThat(date(r, 4)).isEqualTo(asked);
            assertThat(date(r, 5)).isEqualTo(due);
            assertThat(date(r, 6)).isEqualTo(early);
            assertStatus(r, "按时", "FFC6EFCE");
            assertThat(r.getCell(8).getNumericCellValue()).isZero();
            assertThat(cells(r).subList(9, 11)).containsExactly("按计划推进", "按时报送的进展。");
            assertThat(rows.get(onTime2).getCell(9).getStringCellValue()).isEqualTo("已完成");

            r = rows.get(late);
            assertThat(date(r, 6)).isEqualTo(asOf);
            assertStatus(r, "迟报（2个工作日）", "FFFFEB9C");
            assertThat(cells(r).subList(9, 11)).containsExactly("进度滞后", "迟报的进展。");

            r = rows.get(missing);
            assertThat(r.getCell(3).getStringCellValue()).isEqualTo("市卫生健康委");
            assertThat(date(r, 5)).isEqualTo(due);
            assertThat(r.getCell(6).getCellType()).as("not reported").isEqualTo(CellType.BLANK);
            assertStatus(r, "未报", "FFFFC7CE");

            r = rows.get(returned);
            assertThat(date(r, 6)).isEqualTo(early);
            assertStatus(r, "退回补充", "FFFCD5B4");
            assertThat(r.getCell(8).getNumericCellValue()).isEqualTo(1);
            assertThat(r.getCell(10).getStringCellValue()).isEqualTo("第一次报送，内容简略。");

            r = rows.get(pending);
            assertThat(r.getCell(3).getStringCellValue()).isEqualTo("市财政局");
            assertThat(date(r, 4)).isEqualTo(asOf);
            assertThat(date(r, 5)).isEqualTo(pendingDue);
            assertThat(r.getCell(7).getStringCellValue()).isEqualTo("待报");
            assertThat(((XSSFCellStyle) r.getCell(7).getCellStyle()).getFillForegroundXSSFColor()).isNull();

            Sheet totals = workbook.getSheet("单位汇总");
            assertThat(cells(totals.getRow(2))).containsExactly("序号", "牵头单位", "应报", "按时", "迟报", "未报", "待报",
                    "退回", "按时率");
            Map<String, Row> byUnit = rowsByCode(totals, 1);
            assertThat(byUnit).containsOnlyKeys("市发展改革委", "市卫生健康委", "市财政局", "");
            assertThat(numbers(byUnit.get("市发展改革委"))).containsExactly(3.0, 2.0, 1.0, 0.0, 0.0, 0.0, 2 / 3.0);
            assertThat(numbers(byUnit.get("市卫生健康委"))).as("the returned report was on time")
                    .containsExactly(2.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.5);
            assertThat(cells(byUnit.get("市财政局")).subList(2, 8)).containsExactly("1", "0", "0", "0", "1", "0");
            assertThat(byUnit.get("市财政局").getCell(8).getStringCellValue()).as("nothing due yet").isEqualTo("—");
            Row sum = totals.getRow(totals.getLastRowNum());
            assertThat(sum.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(numbers(sum)).containsExactly(6.0, 3.0, 1.0, 1.0, 1.0, 1.0, 3 / 5.0);
            assertThat(sum.getCell(8).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            lines = values(sheet);
            units = values(totals);
        }

        // later: the missing report comes in, the returned one is supplemented, the pending one is submitted
        LocalDate later = calendar.addWorkingDays(asOf, 3);
        at(later);
        submit(missing, "补报的进展。", "on-track");
        submit(returned, "补充后的进展。", "on-track");
        submit(pending, "按时报送。", "on-track");
        taskService.complete(step(onTime, "Task_ReconcileReport").getId(), Map.of("reportDecision", "return",
                "reportComment", "再补充"));

        ResponseEntity<byte[]> again = download("office1", "/api/ledger/quarterly.xlsx?quarter=2026Q4&asOf=" + asOf);
        try (XSSFWorkbook workbook = open(again.getBody())) {
            assertThat(values(workbook.getSheet("对账明细"))).as("the same day's reconciliation, computed later")
                    .isEqualTo(lines);
            assertThat(values(workbook.getSheet("单位汇总"))).isEqualTo(units);
        }
        try (XSSFWorkbook workbook = open(download("office1", "/api/ledger/quarterly.xlsx?quarter=2026Q4").getBody())) {
            Map<String, Row> rows = rowsByCode(workbook.getSheet("对账明细"), 1);
            assertThat(rows.get(missing).getCell(7).getStringCellValue()).startsWith("迟报（");
            assertThat(rows.get(returned).getCell(7).getStringCellValue()).isEqualTo("按时");
            assertThat(rows.get(returned).getCell(10).getStringCellValue()).isEqualTo("补充后的进展。");
            assertThat(rows.get(pending).getCell(7).getStringCellValue()).isEqualTo("按时");
            assertThat(rows.get(onTime).getCell(7).getStringCellValue()).isEqualTo("退回补充");
            assertThat(numbers(workbook.getSheet("单位汇总").getRow(workbook.getSheet("单位汇总").getLastRowNum())))
                    .containsExactly(6.0, 4.0, 2.0, 0.0, 0.0, 2.0, 4 / 6.0);
        }
        assertThat(download("office1", "/api/ledger/quarterly.xlsx?quarter=2026Q4&asOf=" + asked.minusDays(1)).getBody())
                .satisfies(bytes -> {
                    try (XSSFWorkbook workbook = open(bytes)) {
                        assertThat(workbook.getSheet("对账明细").getLastRowNum()).as("nothing asked yet").isEqualTo(2);
                        assertThat(text(workbook.getSheet("对账明细"), 1, 0)).startsWith("应报0项");
                    }
                });
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static void at(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(10, 0)).atZone(CHINA).toInstant()));
    }

    private static String chinese(LocalDate day) {
        return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
    }

    private String create(String title, String category, List<String> leadUnits, List<String> leaders,
            List<String> coopUnits, String deadline) {
        String code = "2026-XL" + "%02d".formatted(++sequence);
        Map<String, Object> body = ReformApi.taskBody(code, title, leadUnits);
        body.put("category", category);
        body.put("measures", MEASURES);
        body.put("leaders", leaders);
        body.put("coopUnits", coopUnits);
        body.put("deadline", deadline);
        api.createTask(body);
        return code;
    }

    private String implementing(String title, String unit) {
        String code = create(title, "对账", List.of(unit), List.of(), List.of(), "2026-12-31");
        toImplementation(code);
        return code;
    }

    private void toImplementation(String code) {
        taskService.complete(step(code, "Task_DraftPlan").getId(), Map.of("planMeasures", "措施",
                "planMilestones", "节点", "planResults", "成果"));
        taskService.complete(step(code, "Task_OfficeApprovePlan").getId(), Map.of("planDecision", "approve"));
    }

    private void requestReport(String code) {
        assertThat(api.post("office1", "/api/tasks/" + code + "/quarterly-report", null).getStatusCode())
                .as("quarterly report of %s", code).isEqualTo(HttpStatus.ACCEPTED);
    }

    private void submit(String code, String progress, String status) {
        taskService.complete(step(code, "Task_SubmitQuarterlyReport").getId(), Map.of("reportProgress", progress,
                "reportStatus", status, "reportNextSteps", "继续推进"));
    }

    private Task step(String code, String activityId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(code).processDefinitionKey("reform-task")
                .taskDefinitionKey(activityId).singleResult();
    }

    private static LocalDate dueOf(Task task) {
        return task.getDueDate().toInstant().atZone(CHINA).toLocalDate();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> row(String user, String code) {
        Map<String, Object> page = api.get(user, "/api/ledger?q=" + code, MAP).getBody();
        return ((List<Map<String, Object>>) page.get("rows")).stream().filter(r -> code.equals(r.get("code")))
                .findFirst().orElseThrow(() -> new AssertionError(code + " not in the ledger of " + user));
    }

    private ResponseEntity<byte[]> download(String user, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.parseMediaType(XLSX), MediaType.APPLICATION_JSON));
        return api.as(user).exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
    }

    private void assertError(String user, String path, HttpStatus status, String... texts) {
        ResponseEntity<Map<String, Object>> answer = api.get(user, path, MAP);
        assertThat(answer.getStatusCode()).as("GET %s as %s: %s", path, user, answer.getBody()).isEqualTo(status);
        assertThat(String.valueOf(answer.getBody())).contains(texts).doesNotContain("Exception");
    }

    private List<String> exportedCodes(String user, String query) throws IOException {
        ResponseEntity<byte[]> download = download(user, "/api/ledger/export.xlsx?" + query);
        assertThat(download.getStatusCode()).as("export as %s", user).isEqualTo(HttpStatus.OK);
        List<String> codes = new ArrayList<>();
        try (XSSFWorkbook workbook = open(download.getBody())) {
            Sheet sheet = workbook.getSheetAt(0);
            int header = sheet.getPaneInformation().getHorizontalSplitTopRow();
            for (int r = header; r <= sheet.getLastRowNum(); r++) {
                String remarks = sheet.getRow(r).getCell(12).getStringCellValue();
                codes.add(remarks.substring(remarks.lastIndexOf("任务编号：") + "任务编号：".length()));
            }
        }
        return codes;
    }

    private ResponseEntity<Map<String, Object>> preview(byte[] content, String fileName) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return api.as("office1").exchange("/api/imports/preview", HttpMethod.POST, new HttpEntity<>(form, headers), MAP);
    }

    private static XSSFWorkbook open(byte[] bytes) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }

    private static String text(Sheet sheet, int row, int column) {
        Row r = sheet.getRow(row);
        Cell cell = r == null ? null : r.getCell(column);
        return cell == null ? "" : new DataFormatter().formatCellValue(cell);
    }

    private static List<String> cells(Row row) {
        List<String> values = new ArrayList<>();
        DataFormatter format = new DataFormatter();
        for (int c = 0; c < row.getLastCellNum(); c++) {
            values.add(row.getCell(c) == null ? "" : format.formatCellValue(row.getCell(c)));
        }
        return values;
    }

    /** Every cell of a sheet as text, row by row. */
    private static List<List<String>> values(Sheet sheet) {
        List<List<String>> values = new ArrayList<>();
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            values.add(sheet.getRow(r) == null ? List.of() : cells(sheet.getRow(r)));
        }
        return values;
    }

    /** Data rows (below the frozen header) by the text of one column. */
    private static Map<String, Row> rowsByCode(Sheet sheet, int column) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int r = sheet.getPaneInformation().getHorizontalSplitTopRow(); r <= sheet.getLastRowNum(); r++) {
            rows.put(text(sheet, r, column), sheet.getRow(r));
        }
        return rows;
    }

    /** 应报 … 退回 and 按时率 of a totals row. */
    private static List<Double> numbers(Row row) {
        List<Double> numbers = new ArrayList<>();
        for (int c = 2; c <= 8; c++) {
            numbers.add(row.getCell(c).getNumericCellValue());
        }
        return numbers;
    }

    private static LocalDate date(Row row, int column) {
        return row.getCell(column).getLocalDateTimeCellValue().toLocalDate();
    }

    private static void assertLight(Cell cell, String label, String argb) {
        assertThat(cell.getStringCellValue()).isEqualTo(label);
        XSSFColor fill = ((XSSFCellStyle) cell.getCellStyle()).getFillForegroundXSSFColor();
        assertThat(fill).as("fill of %s", label).isNotNull();
        assertThat(fill.getARGBHex()).isEqualTo(argb);
    }

    private static void assertStatus(Row row, String label, String argb) {
        assertLight(row.getCell(QuarterlyExport.STATUS_COLUMN), label, argb);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static List<Object> ids(Object names) {
        return list(names).stream().map(n -> n.get("id")).toList();
    }

    private static List<Object> partyIds(Object parties) {
        if (parties instanceof List<?> items && !items.isEmpty() && items.get(0) instanceof Map) {
            return list(parties).stream().map(p -> p.get("id")).toList();
        }
        return parties == null ? List.of() : new ArrayList<>((List<?>) parties);
    }
}

package cn.reformoffice.platform.ledger.export;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.ReformPlatformApplication;
import cn.reformoffice.platform.ledger.LedgerFilter;
import cn.reformoffice.platform.ledger.LedgerRequests;
import cn.reformoffice.platform.security.CurrentUser;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The office's spreadsheets (docs/ledger-exports.md), downloaded as .xlsx attachments with Chinese file names:
 * <ul>
 * <li>{@code GET /api/ledger/export.xlsx} — the ledger (工作台账), with the filters of {@code GET /api/ledger}
 * ({@link LedgerRequests}; {@code page} and {@code size} are checked but every matching task is exported;
 * without {@code sort} the rows come in plan order, by task code). <b>Who</b>: every logged-in user, each
 * the tasks the ledger page shows them — the office and admins every task, a lead leader the tasks they
 * lead, a unit the tasks it leads, co-leads or cooperates on ({@link LedgerRequests#scope}); filtering for
 * another unit gives nothing more. The file reads back through the plan import
 * ({@code POST /api/imports/preview}) as the same tasks.
 * <li>{@code GET /api/ledger/quarterly.xlsx?quarter=2026Q3&asOf=2026-11-30} — the quarter's reconciliation
 * (季度对账表, {@link QuarterlyReconciliation}) as of a day (default today in China by the engine's clock; not
 * after today). <b>Who</b>: the office and admins only (403 otherwise), since it ranks every unit.
 * </ul>
 * Wrong parameters answer 400 in Chinese.
 */
@RestController
@RequestMapping("/api/ledger")
class LedgerExportController {

    private static final ZoneId CHINA = ZoneId.of(ReformPlatformApplication.CHINA_ZONE);

    private final LedgerExport ledger;
    private final QuarterlyReconciliation reconciliation;
    private final QuarterlyExport quarterly;
    private final CurrentUser currentUser;

    LedgerExportController(LedgerExport ledger, QuarterlyReconciliation reconciliation, QuarterlyExport quarterly,
            CurrentUser currentUser) {
        this.ledger = ledger;
        this.reconciliation = reconciliation;
        this.quarterly = quarterly;
        this.currentUser = currentUser;
    }

    @GetMapping("/export.xlsx")
    void export(@RequestParam Map<String, String> query, HttpServletResponse response) throws IOException {
        LedgerFilter filter = LedgerRequests.filter(query, "code");
        List<String> scope = LedgerRequests.scope(currentUser);
        LocalDate today = today();
        String title = ledger.title(filter, scope, today);
        Sheets sheets = ledger.write(filter, scope, title);
        sheets.send(response, title.replace("全面深化改革", "") + ".xlsx", "ledger-" + today + ".xlsx");
    }

    @GetMapping("/quarterly.xlsx")
    void quarterly(@RequestParam(required = false) String quarter, @RequestParam(required = false) LocalDate asOf,
            HttpServletResponse response) throws IOException {
        currentUser.requireOffice("下载季度对账表");
        Quarter q = Quarter.parse(quarter);
        if (q == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, quarter == null || quarter.isBlank()
                    ? "请指定季度，例如 quarter=2026Q3（2026年第三季度）。"
                    : "季度“" + quarter + "”格式不正确：请写作年份加 Q 和季度序号，例如 2026Q3（2026年第三季度）。");
        }
        LocalDate today = today();
        LocalDate day = asOf == null ? today : asOf;
        if (day.isAfter(today)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "截至日期 " + day + " 晚于今天（" + today
                    + "），对账只能截至今天或以前的某一天。");
        }
        QuarterlyReconciliation.Result result = reconciliation.compute(q, day);
        Sheets sheets = quarterly.write(result);
        sheets.send(response, q.chinese() + "报送对账表（截至" + Sheets.chineseDate(day) + "）.xlsx",
                "quarterly-" + q + "-" + day + ".xlsx");
    }

    /** Today in China by the engine's clock (which tests move). */
    static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(CHINA).toLocalDate();
    }
}

package cn.reformoffice.platform.ledger;

import java.time.LocalDate;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.security.CurrentUser;

/**
 * The office's half-year / year-end figures on demand (the summary process computes them on schedule),
 * as JSON and as the Word document the office edits and sends upward; both as of the end of {@code asOf}.
 */
@RestController
@RequestMapping("/api/ledger")
class SummaryController {

    private final PeriodSummaries summaries;
    private final SummaryDocument document;
    private final CurrentUser currentUser;

    SummaryController(PeriodSummaries summaries, SummaryDocument document, CurrentUser currentUser) {
        this.summaries = summaries;
        this.document = document;
        this.currentUser = currentUser;
    }

    @GetMapping("/summary")
    PeriodSummary summary(@RequestParam LocalDate asOf) {
        currentUser.requireOffice("查看汇总数据");
        return summaries.summarize(past(asOf));
    }

    @GetMapping("/summary.docx")
    ResponseEntity<byte[]> summaryDocument(@RequestParam LocalDate asOf) {
        currentUser.requireOffice("下载半年小结和年终总账");
        SummaryDocument.Built built = document.build(past(asOf));
        return built.document().download(built.fileName());
    }

    /** Figures as of a day that has not ended yet would change: today is the latest day asked for. */
    private static LocalDate past(LocalDate asOf) {
        LocalDate today = LedgerRecorder.today();
        if (asOf.isAfter(today)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "统计截止日期 " + asOf + " 晚于今天（" + today
                    + "）：请选择今天或以前的日期。");
        }
        return asOf;
    }
}

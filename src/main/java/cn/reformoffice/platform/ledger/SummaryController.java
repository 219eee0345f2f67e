package cn.reformoffice.platform.ledger;

import java.time.LocalDate;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.reformoffice.platform.security.CurrentUser;

/** The office's half-year / year-end figures on demand (the summary process computes them on schedule). */
@RestController
@RequestMapping("/api/ledger/summary")
class SummaryController {

    private final PeriodSummaries summaries;
    private final CurrentUser currentUser;

    SummaryController(PeriodSummaries summaries, CurrentUser currentUser) {
        this.summaries = summaries;
        this.currentUser = currentUser;
    }

    @GetMapping
    PeriodSummary summary(@RequestParam LocalDate asOf) {
        currentUser.requireOffice("查看汇总数据");
        return summaries.summarize(asOf);
    }
}

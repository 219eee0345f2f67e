package cn.reformoffice.platform.task;

import java.time.LocalDate;
import java.util.List;

/**
 * A reform task (改革任务) as kept in the product's own table: the source of the ledger.
 * Lead units are ordered; the first is the primary lead unit that works the process's unit tasks.
 */
public record ReformTask(Long id, String code, int year, String category, String title, String goals,
        String measures, List<String> leaderIds, List<String> leadUnitIds, List<String> coopUnitIds,
        LocalDate deadline, Stage stage, String processInstanceId) {

    public String primaryLeadUnitId() {
        return leadUnitIds.get(0);
    }

    /** Whether any of the given units or people leads, co-leads or cooperates on this task. */
    public boolean involves(java.util.Collection<String> partyIds) {
        return leaderIds.stream().anyMatch(partyIds::contains) || leadUnitIds.stream().anyMatch(partyIds::contains)
                || coopUnitIds.stream().anyMatch(partyIds::contains);
    }
}

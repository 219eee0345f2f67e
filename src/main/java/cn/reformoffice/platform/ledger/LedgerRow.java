package cn.reformoffice.platform.ledger;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the ledger (工作台账) as the page, the exports and the dashboard show it. {@code goals} and {@code
 * measures}: in the exports; null, and left out of the JSON, in a page's rows (the ledger page does not show them).
 */
public record LedgerRow(int seq, String code, int year, String category, String title,
        @JsonInclude(JsonInclude.Include.NON_NULL) String goals,
        @JsonInclude(JsonInclude.Include.NON_NULL) String measures, List<Party> leaders, List<Party> leadUnits,
        List<Party> coopUnits, LocalDate deadline, String stage, String stageLabel, String stepName,
        String stepHolder, LocalDate stepDue, int openSteps,
        Report report, int noticesTotal, String light, String lightLabel, String lightReason,
        OffsetDateTime lightChangedAt, String processInstanceId) {

    public record Party(String id, String name) {
    }

    /** The latest quarterly report: when, how late (working days), the unit's own status, an excerpt. */
    public record Report(String quarter, LocalDate date, LocalDate due, Integer lateDays, String status,
            String statusLabel, boolean returned, String excerpt) {
    }

    public static String lightLabel(String light) {
        return switch (light) {
            case "RED" -> "红灯";
            case "YELLOW" -> "黄灯";
            case "GREEN" -> "绿灯";
            case "CLOSED" -> "已销号";
            case "UNASSIGNED" -> "待分配";
            default -> light;
        };
    }

    public static String reportStatusLabel(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "on-track" -> "按计划推进";
            case "behind" -> "进度滞后";
            case "completed" -> "已完成";
            default -> status;
        };
    }
}

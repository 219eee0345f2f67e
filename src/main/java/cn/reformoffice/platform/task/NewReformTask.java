package cn.reformoffice.platform.task;

import java.time.LocalDate;
import java.util.List;

/**
 * A reform task to create. Leaders and units may be given by id, name or alias
 * ("fgw", "市发展改革委" and "市发改委" are the same unit). The first lead unit is the primary one.
 * Without a code, the next free {@code <year>-<nnn>} is used.
 */
public record NewReformTask(String code, Integer year, String category, String title, String goals,
        String measures, List<String> leaders, List<String> leadUnits, List<String> coopUnits, LocalDate deadline) {

    public NewReformTask {
        leaders = leaders == null ? List.of() : leaders;
        leadUnits = leadUnits == null ? List.of() : leadUnits;
        coopUnits = coopUnits == null ? List.of() : coopUnits;
    }
}

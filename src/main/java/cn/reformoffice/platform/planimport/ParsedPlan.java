package cn.reformoffice.platform.planimport;

import java.time.LocalDate;
import java.util.List;

/**
 * What was read from a plan document or ledger, before names are matched against the organization.
 *
 * @param format     TEXT, DOCX or XLSX
 * @param title      the plan's title when the document states one
 * @param number     document number (文号), e.g. 江委改发〔2024〕2号
 * @param categories categories that hold at least one task, in document order
 * @param warnings   document-level warnings (Chinese)
 */
record ParsedPlan(String format, String title, String number, Integer year, List<String> categories,
        List<ParsedTask> tasks, List<String> warnings) {

    ParsedPlan {
        categories = List.copyOf(categories);
        tasks = List.copyOf(tasks);
        warnings = List.copyOf(warnings);
    }

    ParsedPlan withWarning(String warning) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.add(warning);
        return new ParsedPlan(format, title, number, year, categories, tasks, all);
    }

    ParsedPlan withYear(int newYear) {
        return new ParsedPlan(format, title, number, newYear, categories, tasks, warnings);
    }

    /**
     * One task as the document states it. {@code categoryNo} is the 1-based position of the category in
     * {@link ParsedPlan#categories()} and {@code seq} the task's number within its category.
     *
     * @param location where the task starts, in Chinese (第12行, 第5段, 工作表“台账”第7行)
     */
    record ParsedTask(int categoryNo, String category, int seq, String title, String goals, List<String> measures,
            List<String> leaders, List<String> leadUnits, List<String> coopUnits, LocalDate deadline,
            String location, List<String> warnings, List<String> errors) {

        ParsedTask {
            measures = List.copyOf(measures);
            leaders = List.copyOf(leaders);
            leadUnits = List.copyOf(leadUnits);
            coopUnits = List.copyOf(coopUnits);
            warnings = List.copyOf(warnings);
            errors = List.copyOf(errors);
        }
    }
}

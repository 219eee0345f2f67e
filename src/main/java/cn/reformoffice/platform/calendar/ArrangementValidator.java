package cn.reformoffice.platform.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a year's arrangement as the office enters it; problems name the line (1 = first entry).
 * A notice lists every day of a holiday period, weekends included, so a holiday on a weekend is
 * accepted; a make-up working day must be a Saturday or Sunday. A notice may name the last days of the
 * previous December (元旦 of 2023 began on 2022-12-31, of 2019 with a make-up day on 2018-12-29).
 */
final class ArrangementValidator {

    private static final int MAX_NAME_LENGTH = 100;
    private static final int PREVIOUS_DECEMBER_FROM = 25;

    private ArrangementValidator() {
    }

    static List<CalendarDay> validate(int year, List<DayInput> input) {
        String summary = year + "年工作日历未保存";
        if (input == null || input.isEmpty()) {
            throw new InvalidCalendarException(summary, List.of("请至少填写一天的安排（放假日或调休补班日）"));
        }
        List<String> problems = new ArrayList<>();
        List<CalendarDay> days = new ArrayList<>();
        Map<LocalDate, Integer> lines = new HashMap<>();
        for (int i = 0; i < input.size(); i++) {
            int line = i + 1;
            DayInput entry = input.get(i);
            if (entry == null) {
                problems.add("第" + line + "行为空");
                continue;
            }
            String at = "第" + line + "行（" + (entry.date() == null ? "无日期" : entry.date()) + "）";
            int before = problems.size();
            LocalDate date = parse(entry.date());
            if (entry.date() == null || entry.date().isBlank()) {
                problems.add(at + "：请填写日期");
            } else if (date == null) {
                problems.add(at + "：日期格式不正确，应写成 " + year + "-10-01 这样的格式");
            } else {
                if (!belongsTo(date, year)) {
                    problems.add(at + "：不是" + year + "年的日期（上一年的日期只能是12月" + PREVIOUS_DECEMBER_FROM
                            + "日以后的元旦假期或调休）");
                }
                Integer first = lines.putIfAbsent(date, line);
                if (first != null) {
                    problems.add(at + "：与第" + first + "行日期重复");
                }
                if (Boolean.FALSE.equals(entry.isOffDay()) && !isWeekend(date)) {
                    problems.add(at + "：" + date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.CHINA)
                            + "本来就是工作日，调休补班日只能是星期六或星期日");
                }
            }
            if (entry.name() == null || entry.name().isBlank()) {
                problems.add(at + "：请填写节日名称");
            } else if (entry.name().strip().length() > MAX_NAME_LENGTH) {
                problems.add(at + "：节日名称过长（最多" + MAX_NAME_LENGTH + "个字）");
            }
            if (entry.isOffDay() == null) {
                problems.add(at + "：请注明放假（isOffDay: true）还是调休补班（isOffDay: false）");
            }
            if (problems.size() == before) {
                days.add(new CalendarDay(date, entry.name().strip(), entry.isOffDay()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCalendarException(summary, problems);
        }
        days.sort(Comparator.comparing(CalendarDay::date));
        return List.copyOf(days);
    }

    private static LocalDate parse(String date) {
        try {
            return date == null ? null : LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean belongsTo(LocalDate date, int year) {
        return date.getYear() == year || (date.getYear() == year - 1 && date.getMonthValue() == 12
                && date.getDayOfMonth() >= PREVIOUS_DECEMBER_FROM);
    }

    private static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}

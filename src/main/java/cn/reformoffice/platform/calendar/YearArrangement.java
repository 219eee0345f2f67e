package cn.reformoffice.platform.calendar;

import java.time.OffsetDateTime;
import java.util.List;

/** The announced arrangement of one year: the days its notice names, sorted by date. */
record YearArrangement(int year, CalendarSource source, List<String> papers, List<CalendarDay> days,
        String updatedBy, OffsetDateTime updatedAt) {

    YearArrangement {
        papers = List.copyOf(papers);
        days = List.copyOf(days);
    }
}

package cn.reformoffice.platform.calendar;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One day a holiday notice names: a holiday ({@code isOffDay}) or a make-up working day on a weekend
 * (调休补班, {@code !isOffDay}). Same JSON shape as the days of the holiday-cn files.
 */
public record CalendarDay(LocalDate date, String name, @JsonProperty("isOffDay") boolean isOffDay) {
}

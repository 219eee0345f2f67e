package cn.reformoffice.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.reminder.ReminderWatchStart;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/** The office declares an extra day off: the due date and the pending reminder of an open task move. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:calendarchangetest;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "reform.demo.seed-tasks=false" })
@DirtiesContext
class CalendarChangeReschedulesTasksTest {

    @Autowired CalendarService calendarService;
    @Autowired CalendarRepository calendarRepository;
    @Autowired ReformTaskService reformTasks;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void anExtraDayOffMovesTheDueDateAndTheNextReminder() {
        ClockUtil.setCurrentTime(china(2026, 2, 9, 10));
        ReformTask reformTask = reformTasks.createAndStart(new NewReformTask("CAL-1", 2026, "测试", "日历变更测试", null,
                null, List.of(), List.of("fgw"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        Task draft = taskService.createTaskQuery().processInstanceId(reformTask.processInstanceId()).singleResult();
        // before its first reminder the step's watch is a job that starts it then
        String watch = ReminderWatchStart.jobId(draft.getId());
        assertThat(draft.getDueDate()).isEqualTo(china(2026, 3, 13, 18));
        assertThat(timer(watch)).isEqualTo(china(2026, 3, 10, 9));

        List<CalendarDay> days = new ArrayList<>(calendarRepository.find(2026).orElseThrow().days());
        days.add(new CalendarDay(LocalDate.of(2026, 3, 5), "临时调整", true));
        days.sort((a, b) -> a.date().compareTo(b.date()));
        calendarService.replaceByOffice(2026, days, List.of(), "office1");

        assertThat(taskService.createTaskQuery().taskId(draft.getId()).singleResult().getDueDate())
                .isEqualTo(china(2026, 3, 16, 18));
        assertThat(timer(watch)).isEqualTo(china(2026, 3, 11, 9));
    }

    private Date timer(String watchStartJob) {
        return managementService.createJobQuery().jobId(watchStartJob).timers().singleResult().getDuedate();
    }

    private static Date china(int year, int month, int day, int hour) {
        return Date.from(OffsetDateTime.of(year, month, day, hour, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant());
    }
}

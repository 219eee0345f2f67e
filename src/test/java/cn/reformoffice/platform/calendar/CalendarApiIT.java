package cn.reformoffice.platform.calendar;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * /api/calendar as the demo users use it, on the whole application with its own H2 database. MockMvc
 * runs each request in the test thread, where {@link RecordApplicationEvents} sees the events.
 * Each test changes a different year, so the tests do not depend on their order.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:calendarapiit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@AutoConfigureMockMvc
@RecordApplicationEvents
@DirtiesContext
class CalendarApiIT {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired ApplicationEvents events;
    @Autowired WorkingCalendar calendar;
    @Autowired ShippedHolidayLoader loader;

    @Test
    void everybodyReadsAYearWithItsHolidaysAndMakeUpDays() throws Exception {
        Map<String, Object> year = read(call(get("/api/calendar/2026"), "fgw1"));
        assertThat(year).containsEntry("announced", true).containsEntry("source", "SHIPPED")
                .containsEntry("editable", false).containsEntry("countingRule", "次日起算（起始日不计入）");
        assertThat((List<Object>) year.get("days")).hasSize(39)
                .contains(day("2026-02-14", "春节", false));
        assertThat(read(call(get("/api/calendar/2030"), "office1"))).containsEntry("announced", false)
                .containsEntry("editable", true);
        assertThat(call(get("/api/calendar/2026"), null).getStatus()).isEqualTo(401);
    }

    @Test
    void officeCorrectsAYearAndThePlatformIsToldWhichDaysChanged() throws Exception {
        List<Map<String, Object>> days = days(2025);
        days.removeIf(day -> day.get("date").equals("2025-10-11"));
        days.add(day("2025-12-31", "临时调整", true));
        days.add(day("2025-12-27", "临时调整", true));
        assertThat(calendar.isWorkingDay(of(2025, 12, 31))).isTrue();

        MockHttpServletResponse response = call(put("/api/calendar/2025").content(json.writeValueAsString(days)),
                "office1");

        assertThat(response.getStatus()).isEqualTo(200);
        Map<String, Object> year = read(response);
        assertThat(year).containsEntry("source", "OFFICE").containsEntry("updatedBy", "office1")
                .containsEntry("updatedByName", "刘洋").containsEntry("changedDays", List.of("2025-10-11", "2025-12-31"));
        assertThat(events.stream(CalendarChangedEvent.class))
                .containsExactly(new CalendarChangedEvent(2025, Set.of(of(2025, 10, 11), of(2025, 12, 31))));
        assertThat(calendar.isWorkingDay(of(2025, 12, 31))).isFalse();
        assertThat(calendar.isWorkingDay(of(2025, 10, 11))).isFalse();
        assertThat(calendar.addWorkingDays(of(2025, 9, 30), 3)).isEqualTo(of(2025, 10, 13));
    }

    @Test
    void aUnitUserCannotChangeTheCalendar() throws Exception {
        List<Map<String, Object>> before = days(2024);
        MockHttpServletResponse response = call(put("/api/calendar/2024")
                .content(json.writeValueAsString(List.of(day("2024-12-31", "测试", true)))), "fgw1");

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(read(response).get("detail")).asString().contains("只有市委改革办工作人员或系统管理员可以修改工作日历");
        assertThat(days(2024)).isEqualTo(before);
        assertThat(events.stream(CalendarChangedEvent.class)).isEmpty();
    }

    @Test
    void invalidDaysAreRefusedWith400NamingEachLineAndNothingChanges() throws Exception {
        List<Map<String, Object>> before = days(2023);
        List<Map<String, Object>> bad = List.of(day("2023-10-01", "国庆节", true), day("2023-10-09", "国庆节", false),
                day("2024-01-01", "元旦", true), day("2023-10-01", "国庆节", true), day("2023-13-01", "", true));

        MockHttpServletResponse response = call(put("/api/calendar/2023").content(json.writeValueAsString(bad)),
                "office1");

        assertThat(response.getStatus()).isEqualTo(400);
        Map<String, Object> problem = read(response);
        assertThat(problem.get("detail")).asString().startsWith("2023年工作日历未保存，请修正以下问题：");
        assertThat((List<String>) problem.get("errors")).containsExactly(
                "第2行（2023-10-09）：星期一本来就是工作日，调休补班日只能是星期六或星期日",
                "第3行（2024-01-01）：不是2023年的日期（上一年的日期只能是12月25日以后的元旦假期或调休）",
                "第4行（2023-10-01）：与第1行日期重复",
                "第5行（2023-13-01）：日期格式不正确，应写成 2023-10-01 这样的格式",
                "第5行（2023-13-01）：请填写节日名称");
        assertThat(call(put("/api/calendar/2023").content("{\"date\": 1"), "office1").getStatus()).isEqualTo(400);
        assertThat(days(2023)).isEqualTo(before);
        assertThat(read(call(get("/api/calendar/2023"), "office1"))).containsEntry("source", "SHIPPED");
        assertThat(events.stream(CalendarChangedEvent.class)).isEmpty();
    }

    @Test
    void theShippedFilesDoNotOverwriteAYearTheOfficeCorrected() throws Exception {
        List<Map<String, Object>> corrected = days(2022);
        corrected.add(day("2022-12-30", "临时调整", true));
        assertThat(call(put("/api/calendar/2022").content(json.writeValueAsString(corrected)), "admin").getStatus())
                .isEqualTo(200);

        assertThat(loader.load()).as("restart").isZero();

        assertThat(days(2022)).isEqualTo(corrected);
        assertThat(calendar.isWorkingDay(of(2022, 12, 30))).isFalse();
        assertThat(events.stream(CalendarChangedEvent.class)).hasSize(1);
    }

    @Test
    void theOfficeImportsTheNextYearsHolidayCnFile() throws Exception {
        assertThat(calendar.isProvisional(of(2027, 3, 1))).isTrue();
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("year", 2027);
        file.put("papers", List.of("https://www.gov.cn/notice-2027"));
        file.put("days", List.of(day("2027-01-01", "元旦", true), day("2027-02-06", "春节", false),
                day("2027-02-08", "春节", true)));

        MockHttpServletResponse response = call(post("/api/calendar/2027/import")
                .content(json.writeValueAsString(file)), "office1");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(read(response)).containsEntry("announced", true)
                .containsEntry("papers", List.of("https://www.gov.cn/notice-2027"))
                .containsEntry("changedDays", List.of("2027-01-01", "2027-02-06", "2027-02-08"));
        assertThat(calendar.isProvisional(of(2027, 3, 1))).isFalse();
        assertThat(calendar.isWorkingDay(of(2027, 2, 6))).isTrue();
        file.put("year", 2028);
        assertThat(read(call(post("/api/calendar/2027/import").content(json.writeValueAsString(file)), "office1"))
                .get("detail")).asString().contains("文件中的年份（2028）与所选年份（2027）不一致");
    }

    @Test
    void thePageIsServed() throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/office/calendar.html")).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("工作日历");
    }

    // --- helpers -------------------------------------------------------------------------------

    private List<Map<String, Object>> days(int year) throws Exception {
        return new ArrayList<>(json.convertValue(read(call(get("/api/calendar/" + year), "office1")).get("days"),
                new TypeReference<List<Map<String, Object>>>() {
                }));
    }

    private static Map<String, Object> day(String date, String name, boolean isOffDay) {
        Map<String, Object> day = new LinkedHashMap<>();
        day.put("date", date);
        day.put("name", name);
        day.put("isOffDay", isOffDay);
        return day;
    }

    private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String user) throws Exception {
        request.contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON);
        if (user != null) {
            request.header(HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private Map<String, Object> read(MockHttpServletResponse response) throws Exception {
        return json.readValue(response.getContentAsString(StandardCharsets.UTF_8), new TypeReference<>() {
        });
    }
}

package cn.reformoffice.platform.calendar;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.CurrentUser;

/**
 * The working-day calendar over REST: everybody reads a year's holidays and make-up working days, the
 * office enters or corrects a year (the next year's notice comes out around November).
 */
@RestController
@RequestMapping("/api/calendar")
class CalendarController {

    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2100;

    private final CalendarService service;
    private final CalendarRepository repository;
    private final CurrentUser currentUser;
    private final OrganizationDirectory directory;
    private final CalendarProperties properties;
    private final ObjectMapper json;

    CalendarController(CalendarService service, CalendarRepository repository, CurrentUser currentUser,
            OrganizationDirectory directory, CalendarProperties properties, ObjectMapper json) {
        this.service = service;
        this.repository = repository;
        this.currentUser = currentUser;
        this.directory = directory;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping
    List<YearSummary> years() {
        return repository.findAll().stream().map(year -> new YearSummary(year.year(), year.source().name(),
                year.source().label(), year.days().size(), year.updatedAt())).toList();
    }

    @GetMapping("/{year}")
    YearView get(@PathVariable int year) {
        requireSupported(year);
        return view(year, null);
    }

    /** Body: the year's days as in the holiday-cn files, [{"date", "name", "isOffDay"}]. */
    @PutMapping("/{year}")
    YearView replace(@PathVariable int year, @RequestBody List<DayInput> days) {
        currentUser.requireOffice("修改工作日历");
        requireSupported(year);
        requireWritable(year);
        CalendarChangedEvent event = service.replaceByOffice(year, ArrangementValidator.validate(year, days), null,
                currentUser.id());
        return view(year, event.changedDays().stream().toList());
    }

    /** Body: a whole holiday-cn file ({"year", "papers", "days"}). */
    @PostMapping(path = "/{year}/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    YearView importJson(@PathVariable int year, @RequestBody HolidayCnFile file) {
        return importFile(year, file);
    }

    /** Form field {@code file}: a holiday-cn file. */
    @PostMapping(path = "/{year}/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    YearView importUpload(@PathVariable int year, @RequestParam("file") MultipartFile upload) {
        currentUser.requireOffice("导入节假日安排");
        HolidayCnFile file;
        try {
            file = json.readValue(upload.getBytes(), HolidayCnFile.class);
        } catch (IOException e) {
            throw new InvalidCalendarException(year + "年工作日历未导入",
                    List.of("文件“" + upload.getOriginalFilename() + "”不是 holiday-cn 格式的 JSON 文件"));
        }
        return importFile(year, file);
    }

    private YearView importFile(int year, HolidayCnFile file) {
        currentUser.requireOffice("导入节假日安排");
        requireSupported(year);
        requireWritable(year);
        String summary = year + "年工作日历未导入";
        if (file.year() != null && file.year() != year) {
            throw new InvalidCalendarException(summary,
                    List.of("文件中的年份（" + file.year() + "）与所选年份（" + year + "）不一致"));
        }
        if (file.days() == null || file.days().isEmpty()) {
            throw new InvalidCalendarException(summary, List.of("文件中没有任何日期，该年度的节假日安排可能尚未公布"));
        }
        List<CalendarDay> days = ArrangementValidator.validate(year, file.days());
        CalendarChangedEvent event = service.replaceByOffice(year, days,
                file.papers() == null ? List.of() : file.papers(), currentUser.id());
        return view(year, event.changedDays().stream().toList());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return new InvalidCalendarException("工作日历未保存",
                List.of("无法读取提交的内容，请提交 JSON 数组，每项形如 {\"date\": \"2026-10-01\", \"name\": \"国庆节\", "
                        + "\"isOffDay\": true}"))
                .getBody();
    }

    private static void requireSupported(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new InvalidCalendarException("年份无效", List.of("年份应在" + FIRST_YEAR + "至" + LAST_YEAR + "之间"));
        }
    }

    /**
     * The office enters a year once its arrangement is published (the next year's around November) or corrects
     * an earlier one: years after next are refused, as no arrangement for them exists yet.
     */
    private static void requireWritable(int year) {
        int latest = java.time.Year.now(java.time.ZoneId.of(cn.reformoffice.platform.ReformPlatformApplication.CHINA_ZONE))
                .getValue() + 1;
        if (year > latest) {
            throw new InvalidCalendarException("年份无效", List.of(year + "年的节假日安排尚未公布，最晚只能录入" + latest
                    + "年（国务院办公厅一般在上一年11月前后公布次年安排）"));
        }
    }

    private YearView view(int year, List<LocalDate> changedDays) {
        var arrangement = repository.find(year);
        return new YearView(year, arrangement.isPresent(),
                arrangement.map(a -> a.source().name()).orElse(null),
                arrangement.map(a -> a.source().label()).orElse("尚未公布（按周一至周五为工作日临时计算）"),
                arrangement.map(YearArrangement::papers).orElse(List.of()),
                arrangement.map(YearArrangement::updatedBy).orElse(null),
                arrangement.map(YearArrangement::updatedBy).map(directory::personName).orElse(null),
                arrangement.map(YearArrangement::updatedAt).orElse(null),
                properties.countStartDay() ? "当日起算（起始日为工作日时计为第1个工作日）" : "次日起算（起始日不计入）",
                currentUser.isOfficeOrAdmin(),
                arrangement.map(YearArrangement::days).orElse(List.of()), changedDays);
    }

    record YearSummary(int year, String source, String sourceLabel, int dayCount, OffsetDateTime updatedAt) {
    }

    /**
     * @param announced   whether the year has an arrangement; if not, Monday to Friday are working days and
     *                    every deadline in it is provisional
     * @param editable    whether the current user may change it
     * @param changedDays after a change: the days whose working/off status changed
     */
    record YearView(int year, boolean announced, String source, String sourceLabel, List<String> papers,
            String updatedBy, String updatedByName, OffsetDateTime updatedAt, String countingRule, boolean editable,
            List<CalendarDay> days, List<LocalDate> changedDays) {
    }
}

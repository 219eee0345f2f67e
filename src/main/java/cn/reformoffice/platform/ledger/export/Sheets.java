package cn.reformoffice.platform.ledger.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;

import jakarta.servlet.http.HttpServletResponse;

/**
 * What the office's spreadsheets have in common: a streaming workbook (rows beyond a window of
 * {@value #WINDOW} go to a compressed temporary file), the styles (宋体, a bold title, grey bold header,
 * wrapped text with thin borders, filled status cells), the page set-up for printing (A3 landscape, one
 * page wide, the title and header repeated on every page) and the download itself.
 */
final class Sheets {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final int WINDOW = 100;
    private static final String FONT = "宋体";

    final SXSSFWorkbook workbook;
    final CellStyle title;
    final CellStyle subtitle;
    final CellStyle header;
    final CellStyle text;
    final CellStyle center;
    final CellStyle date;
    final CellStyle integer;
    final CellStyle percent;
    final CellStyle totalText;
    final CellStyle totalInteger;
    final CellStyle totalPercent;
    private final Map<String, CellStyle> fills = new HashMap<>();

    Sheets() {
        workbook = new SXSSFWorkbook(WINDOW);
        workbook.setCompressTempFiles(true);
        title = workbook.createCellStyle();
        title.setFont(font(16, true, null));
        title.setAlignment(HorizontalAlignment.CENTER);
        title.setVerticalAlignment(VerticalAlignment.CENTER);
        subtitle = workbook.createCellStyle();
        subtitle.setFont(font(11, false, null));
        subtitle.setAlignment(HorizontalAlignment.LEFT);
        header = bordered(font(11, true, null), HorizontalAlignment.CENTER);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        Font plain = font(11, false, null);
        text = bordered(plain, HorizontalAlignment.LEFT);
        center = bordered(plain, HorizontalAlignment.CENTER);
        date = bordered(plain, HorizontalAlignment.CENTER);
        date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
        integer = bordered(plain, HorizontalAlignment.CENTER);
        percent = bordered(plain, HorizontalAlignment.CENTER);
        percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
        Font bold = font(11, true, null);
        totalText = bordered(bold, HorizontalAlignment.CENTER);
        totalInteger = bordered(bold, HorizontalAlignment.CENTER);
        totalPercent = bordered(bold, HorizontalAlignment.CENTER);
        totalPercent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
    }

    /** A centred, bordered cell filled with {@code rgb} (RRGGBB), its text bold, white when {@code whiteText}. */
    CellStyle fill(String rgb, boolean whiteText) {
        return fills.computeIfAbsent(rgb + whiteText, key -> {
            CellStyle style = bordered(font(11, true, whiteText ? "FFFFFF" : null), HorizontalAlignment.CENTER);
            ((XSSFCellStyle) style).setFillForegroundColor(new XSSFColor(HexFormat.of().parseHex(rgb), null));
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            return style;
        });
    }

    private CellStyle bordered(Font font, HorizontalAlignment alignment) {
        CellStyle style = workbook.createCellStyle();
        style.setFont(font);
        style.setAlignment(alignment);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
        style.setWrapText(true);
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
        return style;
    }

    private Font font(int points, boolean bold, String rgb) {
        Font font = workbook.createFont();
        font.setFontName(FONT);
        font.setFontHeightInPoints((short) points);
        font.setBold(bold);
        if (rgb != null) {
            ((XSSFFont) font).setColor(new XSSFColor(HexFormat.of().parseHex(rgb), null));
        }
        return font;
    }

    /**
     * A sheet with its title merged across the columns in row 1, an optional subtitle in row 2, the header
     * after them (frozen, filterable, repeated on each printed page) and the column widths (in characters).
     * Returns the index of the first data row.
     */
    int start(Sheet sheet, String titleText, String subtitleText, String[] headers, int[] widths) {
        int last = headers.length - 1;
        Row titleRow = sheet.createRow(0);
        titleRow.setHeightInPoints(30);
        cell(titleRow, 0, titleText, title);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, last));
        int headerIndex = 1;
        if (subtitleText != null) {
            cell(sheet.createRow(1), 0, subtitleText, subtitle);
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, last));
            headerIndex = 2;
        }
        Row headerRow = sheet.createRow(headerIndex);
        for (int c = 0; c < headers.length; c++) {
            cell(headerRow, c, headers[c], header);
            sheet.setColumnWidth(c, widths[c] * 256);
        }
        sheet.createFreezePane(0, headerIndex + 1);
        sheet.setAutoFilter(new CellRangeAddress(headerIndex, headerIndex, 0, last));
        sheet.setRepeatingRows(new CellRangeAddress(0, headerIndex, 0, last));
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        print.setPaperSize(PrintSetup.A3_PAPERSIZE);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setFitToPage(true);
        sheet.getFooter().setCenter("第 &P 页，共 &N 页");
        return headerIndex + 1;
    }

    static Cell cell(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        if (value != null && !value.isEmpty()) {
            cell.setCellValue(value);
        }
        cell.setCellStyle(style);
        return cell;
    }

    static Cell cell(Row row, int column, LocalDate value, CellStyle style) {
        Cell cell = row.createCell(column);
        if (value != null) {
            cell.setCellValue(value);
        }
        cell.setCellStyle(style);
        return cell;
    }

    static Cell cell(Row row, int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
        return cell;
    }

    /** 2026年11月30日 */
    static String chineseDate(LocalDate day) {
        return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
    }

    /**
     * Sends the workbook as an attachment named {@code fileName} (Chinese, RFC 5987 {@code filename*}, with
     * {@code asciiName} for clients that read only {@code filename}), then deletes its temporary files.
     * Called once every row is written, so a failure before it still answers with an error, not half a file.
     */
    void send(HttpServletResponse response, String fileName, String asciiName) throws IOException {
        try {
            response.setContentType(XLSX);
            response.setHeader("Content-Disposition", "attachment; filename=\"" + asciiName + "\"; filename*=UTF-8''"
                    + rfc5987(fileName));
            response.setHeader("Cache-Control", "no-store");
            OutputStream out = response.getOutputStream();
            workbook.write(out);
            out.flush();
        } finally {
            close();
        }
    }

    /** Deletes the temporary files (also when the workbook is not sent). */
    void close() {
        workbook.dispose();
        try {
            workbook.close();
        } catch (IOException e) {
            // nothing to keep: the temporary files are gone
        }
    }

    /** RFC 5987 value-chars: attr-char as is, every other UTF-8 byte as %XX. */
    static String rfc5987(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", (int) c));
            }
        }
        return encoded.toString();
    }
}

package cn.reformoffice.platform.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Chinese locales of the Camunda webapps are complete: every key of the English locale shipped
 * in the 7.24 webjar has a Chinese value, no value is left in English, placeholders and HTML tags
 * survive the translation, and each app's configuration offers Chinese (automatic for Chinese
 * browsers) and English. When a Camunda upgrade adds keys, this test names them.
 */
class WebappLocalesTest {

    private static final String APPS = "META-INF/resources/webjars/camunda/app/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Words that stay as they are in Chinese software: standards, formats and technical names. */
    private static final Set<String> TECHNICAL = Set.of("BPMN", "DMN", "CMMN", "ID", "IDs", "URL", "JSON", "XML",
            "REST", "API", "CSV", "HTTP", "HTTPS", "UUID", "FEEL", "Java", "JavaScript", "Groovy", "JUEL",
            "SVG", "PNG", "UTC", "SQL", "DB", "Optimize", "Camunda", "Cockpit", "Tasklist", "Admin", "OK", "ms",
            "null", "true", "false", "Base64", "MIME", "CPU", "Spin", "JDK", "EE", "CE", "Web", "App", "Apps",
            "Cron", "ISO", "Zeebe", "LDAP", "HAL", "Boolean", "String", "Integer", "Long", "Double", "Short",
            "Date", "Object", "Bytes", "File", "Null", "Json", "Xml", "Mb", "MB", "KB", "GB");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");
    private static final Pattern TAG = Pattern.compile("</?([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*>");
    /** Elements the labels use; {@code <null>} and {@code <undefined>} are text, not markup. */
    private static final Set<String> HTML = Set.of("a", "b", "i", "em", "strong", "br", "code", "span", "div", "p",
            "ul", "ol", "li", "pre", "small", "u", "kbd", "h1", "h2", "h3", "h4");
    private static final Pattern ENTITY = Pattern.compile("&[a-zA-Z#0-9]+;");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");
    private static final Pattern DATE_PATTERN = Pattern.compile("[YMDTHhmsSZ]+");
    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");

    @ParameterizedTest
    @ValueSource(strings = { "tasklist", "cockpit", "admin", "welcome" })
    void everyEnglishLabelHasAChineseTranslation(String app) throws IOException {
        JsonNode english = read(APPS + app + "/locales/en.json");
        JsonNode chinese = read(APPS + app + "/locales/zh.json");

        Map<String, String> problems = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> labels = english.get("labels").fields();
        while (labels.hasNext()) {
            Map.Entry<String, JsonNode> label = labels.next();
            String key = label.getKey();
            String en = label.getValue().asText();
            JsonNode zhNode = chinese.path("labels").get(key);
            // English plural suffixes ("s") and empty labels have no Chinese counterpart: blank is right there
            boolean blankAllowed = en.isBlank() || en.trim().equals("s");
            if (zhNode == null || (zhNode.asText().isBlank() && !blankAllowed)) {
                problems.put(key, "missing (English: " + en + ")");
                continue;
            }
            String zh = zhNode.asText();
            if (needsChinese(en) && !CJK.matcher(zh).find() && needsChinese(zh)) {
                problems.put(key, "left in English: " + zh);
            }
            List<String> missingPlaceholders = new ArrayList<>(placeholders(en));
            placeholders(zh).forEach(missingPlaceholders::remove);
            if (!missingPlaceholders.isEmpty()) {
                problems.put(key, "placeholders lost " + missingPlaceholders + ": " + zh);
            }
            if (!tags(en).equals(tags(zh))) {
                problems.put(key, "HTML tags differ " + tags(en) + " vs " + tags(zh) + ": " + zh);
            }
        }
        assertThat(problems).as("%s: labels of en.json without a proper zh.json translation", app).isEmpty();
        chinese.path("labels").fieldNames().forEachRemaining(key -> assertThat(english.get("labels").has(key))
                .as("%s: zh.json key %s is not in en.json (renamed or removed upstream?)", app, key).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "tasklist", "cockpit", "admin" })
    void datesUseChineseConventions(String app) throws IOException {
        JsonNode dates = read(APPS + app + "/locales/zh.json").get("dateLocales");
        assertThat(dates).as("%s: dateLocales of zh.json", app).isNotNull();
        assertThat(dates.at("/longDateFormat/LL").asText()).isEqualTo("YYYY年M月D日");
        assertThat(dates.at("/longDateFormat/LLL").asText()).isEqualTo("YYYY年M月D日 HH:mm");
        assertThat(dates.at("/weekdays/1").asText()).isEqualTo("星期一");
        assertThat(dates.at("/week/dow").asInt()).as("weeks start on Monday").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "tasklist", "cockpit", "admin", "welcome" })
    void configurationOffersChineseAndEnglishAndBrandsTheApp(String app) throws IOException {
        String config = text(APPS + app + "/scripts/config.js");
        assertThat(config).as("%s: our config.js overrides the webjar's and uses the shared module", app)
                .contains("import { LOCALES, product } from '../../reform-webapps.js';")
                .containsPattern("app: product\\('\\p{IsHan}+'\\)").contains("locales: LOCALES");
        String shared = text(APPS + "reform-webapps.js");
        assertThat(shared).contains("const PRODUCT = '改革任务督办平台';").contains("vendor: PRODUCT");
        assertThat(shared.replaceAll("\\s", "")).contains("availableLocales:['zh','en']")
                .contains("startsWith('en')?'en':'zh'");
        assertThat(text(APPS + app + "/styles/user-styles.css")).as("%s: shared styles", app)
                .contains("@import url(\"../../reform-webapps.css\");");
        assertThat(text(APPS + "reform-webapps.css")).as("the migration banner is hidden").contains(".ce-eol-banner");
    }

    /** Whether the text has an English word that is neither technical nor a date pattern (YYYY-MM-DD). */
    private static boolean needsChinese(String english) {
        String text = ENTITY.matcher(TAG.matcher(PLACEHOLDER.matcher(english).replaceAll(" ")).replaceAll(" "))
                .replaceAll(" ");
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            if (!TECHNICAL.contains(words.group()) && !DATE_PATTERN.matcher(words.group()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1).replaceAll("\\s+", ""));
        }
        return found;
    }

    private static List<String> tags(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = TAG.matcher(text);
        while (m.find()) {
            if (!HTML.contains(m.group(1).toLowerCase())) {
                continue;
            }
            found.add(m.group(0).startsWith("</") ? "/" + m.group(1).toLowerCase() : m.group(1).toLowerCase());
        }
        found.sort(null);
        return found;
    }

    /** Reads a classpath resource; en.json comes from the Camunda webjar and starts with a UTF-8 BOM. */
    private static JsonNode read(String resource) throws IOException {
        return JSON.readTree(text(resource));
    }

    private static String text(String resource) throws IOException {
        URL url = WebappLocalesTest.class.getClassLoader().getResource(resource);
        assertThat(url).as("classpath resource %s", resource).isNotNull();
        try (InputStream in = url.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
    }
}

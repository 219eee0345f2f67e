package cn.reformoffice.platform.planimport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.ApplicationArguments;

/**
 * The command-line import, the same against a running instance (REST) and an embedded one (in
 * process): preview the file and print what was found; with {@code --import.confirm}, resolve unknown
 * names as the options say, confirm and print the progress and the result.
 * Exit codes: 0 done (or previewed), 1 file or names refused, 2 import failed or server unreachable.
 */
final class ImportCommandFlow {

    /** Where the flow sends its calls: the REST API of a running instance or the service in process. */
    interface Backend {
        Map<String, Object> preview(byte[] content, String fileName, Integer year) throws CommandException;

        Map<String, Object> confirm(String id, Map<String, Object> resolutions) throws CommandException;

        Map<String, Object> get(String id) throws CommandException;
    }

    /** A refusal (exit 1) or failure (exit 2) with the server's Chinese message. */
    static final class CommandException extends Exception {
        final int exitCode;
        final List<String> errors;

        CommandException(int exitCode, String message, List<String> errors) {
            super(message);
            this.exitCode = exitCode;
            this.errors = errors == null ? List.of() : errors;
        }
    }

    record Options(Path file, String url, String user, Integer year, boolean confirm, Map<String, String> unitMappings,
            Map<String, String> leaderMappings, List<String> createUnits, List<String> ignore, boolean createUnknownUnits,
            boolean ignoreUnknown) {

        static final String USAGE = """
                用法：--import.file=文件（.txt/.docx/.xlsx） --import.user=改革办用户
                      [--import.url=http://主机:8080（省略则直接使用本机配置的数据库）] [--import.year=2024]
                      [--import.confirm] [--import.map-unit=名称=单位] [--import.map-leader=名称=领导]
                      [--import.create-unit=名称] [--import.create-unknown-units] [--import.ignore=名称] [--import.ignore-unknown]
                连接运行中的实例时，密码取自环境变量 REFORM_IMPORT_PASSWORD。""";

        static Options parse(ApplicationArguments args) {
            String file = single(args, "import.file");
            String user = single(args, "import.user");
            if (file == null || user == null) {
                throw new IllegalArgumentException("缺少 --import.file 或 --import.user。\n" + USAGE);
            }
            String year = single(args, "import.year");
            return new Options(Path.of(file), single(args, "import.url"), user,
                    year == null ? null : Integer.valueOf(year), flag(args, "import.confirm"),
                    pairs(args, "import.map-unit"), pairs(args, "import.map-leader"), all(args, "import.create-unit"),
                    all(args, "import.ignore"), flag(args, "import.create-unknown-units"),
                    flag(args, "import.ignore-unknown"));
        }

        private static String single(ApplicationArguments args, String name) {
            List<String> values = args.getOptionValues(name);
            return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
        }

        private static boolean flag(ApplicationArguments args, String name) {
            List<String> values = args.getOptionValues(name);
            return values != null && (values.isEmpty() || !"false".equals(values.get(0)));
        }

        private static List<String> all(ApplicationArguments args, String name) {
            List<String> values = args.getOptionValues(name);
            return values == null ? List.of() : values.stream().flatMap(v -> List.of(v.split(",")).stream())
                    .map(String::strip).filter(v -> !v.isEmpty()).toList();
        }

        private static Map<String, String> pairs(ApplicationArguments args, String name) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String value : all(args, name)) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--" + name + " 应写作“名称=目标”，而不是“" + value + "”");
                }
                pairs.put(value.substring(0, eq).strip(), value.substring(eq + 1).strip());
            }
            return pairs;
        }
    }

    private final Backend backend;
    private final PrintStream out;

    ImportCommandFlow(Backend backend, PrintStream out) {
        this.backend = backend;
        this.out = out;
    }

    int run(Options options) {
        try {
            byte[] content;
            try {
                content = Files.readAllBytes(options.file());
            } catch (IOException e) {
                out.println("无法读取文件 " + options.file() + "：" + e.getMessage());
                return 1;
            }
            Map<String, Object> preview = backend.preview(content, options.file().getFileName().toString(), options.year());
            print(preview);
            if (!options.confirm()) {
                out.println("（仅预览，未导入。确认导入请加 --import.confirm）");
                return 0;
            }
            Map<String, Object> started = backend.confirm((String) preview.get("id"), resolutions(options, preview));
            Map<String, Object> view = started;
            int lastDone = -1;
            while ("CONFIRMING".equals(view.get("status"))) {
                Map<?, ?> progress = (Map<?, ?>) view.get("progress");
                int done = progress == null ? 0 : ((Number) progress.get("done")).intValue();
                if (done != lastDone && progress != null) {
                    out.println("正在导入：" + done + " / " + progress.get("total"));
                    lastDone = done;
                }
                Thread.sleep(1000);
                view = backend.get((String) preview.get("id"));
            }
            if (!"CONFIRMED".equals(view.get("status"))) {
                out.println(view.get("error"));
                return 2;
            }
            Map<?, ?> summary = (Map<?, ?>) view.get("summary");
            out.println("导入完成：新增 " + summary.get("created") + " 项，更新 " + summary.get("updated") + " 项，未变化 "
                    + summary.get("unchanged") + " 项；启动流程 " + summary.get("toStart") + " 个，待分配 "
                    + summary.get("awaitingAssignment") + " 项。");
            return 0;
        } catch (CommandException e) {
            out.println(e.getMessage());
            e.errors.forEach(error -> out.println("  - " + error));
            return e.exitCode;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static Map<String, Object> resolutions(Options options, Map<String, Object> preview) {
        Map<String, String> unitMappings = new LinkedHashMap<>(options.unitMappings());
        Map<String, String> leaderMappings = new LinkedHashMap<>(options.leaderMappings());
        List<String> create = new ArrayList<>(options.createUnits());
        List<String> ignore = new ArrayList<>(options.ignore());
        for (Map<?, ?> unknown : maps(preview.get("unknownNames"))) {
            String name = (String) unknown.get("name");
            boolean unit = "UNIT".equals(unknown.get("role"));
            boolean handled = unitMappings.containsKey(name) || leaderMappings.containsKey(name)
                    || create.contains(name) || ignore.contains(name);
            if (!handled && unit && options.createUnknownUnits()) {
                create.add(name);
            } else if (!handled && options.ignoreUnknown()) {
                ignore.add(name);
            }
        }
        return Map.of("unitMappings", unitMappings, "leaderMappings", leaderMappings, "createUnits", create,
                "ignore", ignore);
    }

    private void print(Map<String, Object> view) {
        out.println("文件：" + view.get("fileName") + "（" + view.get("format") + "）  标题：" + orDash(view.get("title"))
                + "  文号：" + orDash(view.get("number")) + "  年度：" + view.get("year"));
        Map<?, ?> s = (Map<?, ?>) view.get("summary");
        out.println("共 " + s.get("total") + " 项任务：新增 " + s.get("created") + "，更新 " + s.get("updated") + "，未变化 "
                + s.get("unchanged") + "，已启动不更新 " + s.get("keptStarted") + "；将启动流程 " + s.get("toStart")
                + " 项，待分配 " + s.get("awaitingAssignment") + " 项；警告 " + s.get("warnings") + "，错误 " + s.get("errors"));
        for (Map<?, ?> task : maps(view.get("tasks"))) {
            out.println("[" + task.get("actionLabel") + "] " + task.get("code") + " " + task.get("title") + "  领衔："
                    + names(task.get("leaders")) + "  牵头：" + names(task.get("leadUnits")) + "  协同："
                    + names(task.get("coopUnits")));
            items(task.get("errors")).forEach(e -> out.println("    错误：" + e));
            items(task.get("warnings")).forEach(w -> out.println("    提示：" + w));
        }
        for (Object warning : items(view.get("warnings"))) {
            out.println("提示：" + warning);
        }
        List<Map<?, ?>> unknown = maps(view.get("unknownNames"));
        if (!unknown.isEmpty()) {
            out.println("组织配置中没有的名称（用 --import.map-unit、--import.map-leader、--import.create-unit、--import.ignore 处理）：");
            for (Map<?, ?> u : unknown) {
                List<String> close = maps(u.get("suggestions")).stream().map(x -> x.get("name") + "(" + x.get("id") + ")")
                        .toList();
                out.println("  " + u.get("roleLabel") + "“" + u.get("name") + "”  见 " + u.get("tasks")
                        + (close.isEmpty() ? "" : "  相近：" + String.join("、", close)));
            }
        }
    }

    private static String names(Object names) {
        List<String> shown = maps(names).stream().map(n -> n.get("displayName") == null
                ? n.get("name") + ("UNKNOWN".equals(n.get("status")) ? "(未知)" : "(忽略)")
                : n.get("name").equals(n.get("displayName")) ? (String) n.get("name")
                        : n.get("name") + "→" + n.get("displayName")).toList();
        return shown.isEmpty() ? "—" : String.join("、", shown);
    }

    private static String orDash(Object value) {
        return value == null ? "—" : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> maps(Object value) {
        return value == null ? List.of() : (List<Map<?, ?>>) value;
    }

    private static List<?> items(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}

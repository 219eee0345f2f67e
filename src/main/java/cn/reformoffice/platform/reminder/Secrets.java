package cn.reformoffice.platform.reminder;

import java.util.regex.Pattern;

/** Texts of deliveries without what would let a reader use the channel (a robot webhook's access token). */
public final class Secrets {

    /** Query strings of addresses (a robot's access token) and secrets named in error texts. */
    private static final Pattern QUERY = Pattern.compile("(https?://[^\\s\"'?]*)\\?[^\\s\"']*");
    private static final Pattern SECRET = Pattern.compile("(?i)(access_token|token|key|secret|sign)=[^&\\s\"']*");

    private Secrets() {
    }

    /** The text with query strings and named secrets replaced by "…", at most 300 characters; null stays null. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = SECRET.matcher(QUERY.matcher(text).replaceAll("$1?…")).replaceAll("$1=…");
        return redacted.length() > 300 ? redacted.substring(0, 300) + "…" : redacted;
    }
}

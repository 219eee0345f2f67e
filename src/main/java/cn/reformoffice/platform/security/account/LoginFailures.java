package cn.reformoffice.platform.security.account;

/**
 * Why the engine refused a login, handed from the identity provider (which knows the account) to the
 * login filter (which knows the client address), so that one log line says both. Only collected while
 * the filter handles a login attempt on the same thread.
 */
final class LoginFailures {

    private static final ThreadLocal<String[]> REASON = new ThreadLocal<>();

    private LoginFailures() {
    }

    static void collect() {
        REASON.set(new String[1]);
    }

    static void note(String reason) {
        String[] holder = REASON.get();
        if (holder != null) {
            holder[0] = reason;
        }
    }

    /** The reason noted since {@link #collect()} (null if none) and stops collecting. */
    static String finish() {
        String[] holder = REASON.get();
        REASON.remove();
        return holder == null ? null : holder[0];
    }
}

package io.github.qstashspring.broker.message;

import java.util.Locale;

/** Header name helpers. */
public final class HeaderNames {

    private HeaderNames() {
    }

    /**
     * The Go canonical form QStash stores header names in: {@code test-header} becomes
     * {@code Test-Header}.
     * @param name a header name
     * @return its canonical form
     */
    public static String canonical(String name) {
        StringBuilder result = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            result.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = (c == '-');
        }
        return result.toString();
    }

    /**
     * Lower-cases a header name for comparisons.
     * @param name a header name
     * @return the lower-case name
     */
    public static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

}

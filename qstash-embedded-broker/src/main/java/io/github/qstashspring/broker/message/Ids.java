package io.github.qstashspring.broker.message;

import java.security.SecureRandom;

/** Random identifiers in QStash's shapes. */
public final class Ids {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** @return a new message id, {@code msg_} and 32 letters or digits */
    public static String messageId() {
        return "msg_" + random(32);
    }

    /** @return a new signing key, {@code sig_} and 28 letters or digits */
    public static String signingKey() {
        return "sig_" + random(28);
    }

    /**
     * Random letters and digits.
     * @param length how many
     * @return the text
     */
    public static String random(int length) {
        StringBuilder result = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            result.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return result.toString();
    }
}

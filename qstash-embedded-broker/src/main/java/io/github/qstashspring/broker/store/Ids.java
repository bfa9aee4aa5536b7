package io.github.qstashspring.broker.store;

import java.security.SecureRandom;

/** Random identifiers in QStash's shapes. */
final class Ids {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /**
     * The same letters and digits in ASCII order, so that text order follows number
     * order.
     */
    private static final String SORTED = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final int TIME_CHARS = 8;

    private static final int RANDOM_CHARS = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /**
     * A new message id: {@code msg_} and 32 letters or digits, the first 8 the current
     * time in milliseconds (base 62), the other 24 random. Ids made together sort
     * together, so that the database indexes on message ids grow at their end instead of
     * at random places: a commit then rewrites a few index pages instead of one page per
     * message.
     * @return the id
     */
    static String messageId() {
        char[] id = new char[TIME_CHARS + RANDOM_CHARS];
        long millis = System.currentTimeMillis();
        for (int i = TIME_CHARS - 1; i >= 0; i--) {
            id[i] = SORTED.charAt((int) (millis % SORTED.length()));
            millis /= SORTED.length();
        }
        for (int i = TIME_CHARS; i < id.length; i++) {
            id[i] = SORTED.charAt(RANDOM.nextInt(SORTED.length()));
        }
        return "msg_" + new String(id);
    }

    /**
     * @return a new signing key, {@code sig_} and 28 letters or digits
     */
    static String signingKey() {
        return "sig_" + random(28);
    }

    /**
     * Random letters and digits.
     * @param length how many
     * @return the text
     */
    static String random(int length) {
        StringBuilder result = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            result.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return result.toString();
    }

}

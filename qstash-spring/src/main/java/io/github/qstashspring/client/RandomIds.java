package io.github.qstashspring.client;

import java.security.SecureRandom;

/**
 * Random ids in the alphabet of the official workflow SDK's ids (nanoid: letters, digits,
 * {@code -} and {@code _}).
 */
final class RandomIds {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    static String next(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

}

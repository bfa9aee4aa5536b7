package io.github.qstashspring.workflow;

import java.security.SecureRandom;

/** Random event ids for webhooks: 15 characters of the official SDK's id alphabet. */
final class EventIds {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    static String next() {
        StringBuilder id = new StringBuilder(15);
        for (int i = 0; i < 15; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

}

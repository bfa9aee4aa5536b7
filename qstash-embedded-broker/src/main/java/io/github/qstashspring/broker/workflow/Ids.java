package io.github.qstashspring.broker.workflow;

import java.security.SecureRandom;

/** Ids of waiters, kept notifications and the runs the broker starts (a restart). */
final class Ids {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String run() {
        return "wfr_" + random(21);
    }

    static String waiter() {
        return "wtr_" + random(24);
    }

    static String notification() {
        return "ntf_" + random(24);
    }

    private static String random(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

}

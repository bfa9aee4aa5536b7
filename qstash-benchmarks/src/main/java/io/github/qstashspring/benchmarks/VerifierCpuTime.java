package io.github.qstashspring.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import io.github.qstashspring.benchmarks.receiver.ArrivalLog;
import io.github.qstashspring.signature.QStashSignatureVerifier;
import io.github.qstashspring.signature.QStashSigner;

/**
 * The verifier's cost in CPU time of the calling thread (not wall time): on a machine
 * shared with other work, wall-clock benchmarks include the time the thread waited for a
 * core, CPU time does not.
 */
public final class VerifierCpuTime {

    private VerifierCpuTime() {
    }

    /**
     * Verifies a 1 KiB body {@code iterations} times after as many warm-up calls.
     * @param iterations the measured calls
     * @return CPU microseconds per verification
     */
    public static double microsPerVerify(int iterations) {
        String key = "sig_benchmarkCurrentKey0123456789";
        String url = "http://127.0.0.1:8080/bench/listener";
        byte[] body = ArrivalLog.body(1, 1024);
        String signature = new QStashSigner(key).sign(url, body);
        QStashSignatureVerifier verifier = QStashSignatureVerifier.builder().currentSigningKey(key).build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < iterations; i++) {
            sink += verifier.verify(signature, body, url).expiresAt().getNano();
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < iterations; i++) {
            sink += verifier.verify(signature, body, url).expiresAt().getNano();
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        if (sink == 42) {
            System.out.print("");
        }
        return cpu / 1000.0 / iterations;
    }

}

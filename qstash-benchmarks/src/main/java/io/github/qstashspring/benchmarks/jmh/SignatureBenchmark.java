package io.github.qstashspring.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import io.github.qstashspring.benchmarks.receiver.ArrivalLog;
import io.github.qstashspring.signature.QStashSignatureClaims;
import io.github.qstashspring.signature.QStashSignatureVerifier;
import io.github.qstashspring.signature.QStashSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signature verification and signing of a 1 KiB body on one thread: what a listener pays
 * per request for {@code Upstash-Signature} (HS256 JWT, SHA-256 body hash, URL claim),
 * and what the broker pays per delivery.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureBenchmark {

    static final String CURRENT_KEY = "sig_benchmarkCurrentKey0123456789";

    static final String NEXT_KEY = "sig_benchmarkNextKey0123456789";

    static final String URL = "http://127.0.0.1:8080/bench/listener";

    private byte[] body = new byte[0];

    private String signedWithCurrent = "";

    private String signedWithNext = "";

    private QStashSignatureVerifier verifier = QStashSignatureVerifier.builder().currentSigningKey(CURRENT_KEY).build();

    private QStashSigner signer = new QStashSigner(CURRENT_KEY);

    /**
     * Signs the body once with each key (tokens live five minutes, longer than the run).
     */
    @Setup
    public void setUp() {
        this.body = ArrivalLog.body(1, 1024);
        this.signer = new QStashSigner(CURRENT_KEY);
        this.signedWithCurrent = this.signer.sign(URL, this.body);
        this.signedWithNext = new QStashSigner(NEXT_KEY).sign(URL, this.body);
        this.verifier = QStashSignatureVerifier.builder()
            .currentSigningKey(CURRENT_KEY)
            .nextSigningKey(NEXT_KEY)
            .build();
    }

    /**
     * Verifies a signature made with the current key, with the URL check.
     * @return the claims
     */
    @Benchmark
    public QStashSignatureClaims verify() {
        return this.verifier.verify(this.signedWithCurrent, this.body, URL);
    }

    /**
     * Verifies a signature made with the next key (the current key is tried first and
     * fails).
     * @return the claims
     */
    @Benchmark
    public QStashSignatureClaims verifyWithNextKey() {
        return this.verifier.verify(this.signedWithNext, this.body, URL);
    }

    /**
     * Signs the body, as the broker does for each delivery.
     * @return the JWT
     */
    @Benchmark
    public String sign() {
        return this.signer.sign(URL, this.body);
    }

}

package io.github.qstashspring.listener;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading a raw body, with and without a {@code Content-Length}, up to the maximum size.
 */
class RawBodyTests {

    private static final byte[] BODY = bytes(10_000);

    @Test
    void readsBodyOfDeclaredLength() throws IOException {
        assertThat(RawBody.read(request(BODY), 20_000)).isEqualTo(BODY);
    }

    @Test
    void readsEmptyBody() throws IOException {
        assertThat(RawBody.read(request(new byte[0]), 100)).isEmpty();
    }

    @Test
    void readsBodyWithoutDeclaredLength() throws IOException {
        assertThat(RawBody.read(declaring(request(BODY), -1), 20_000)).isEqualTo(BODY);
    }

    @Test
    void readsWholeBodyWhenLongerOrShorterThanDeclared() throws IOException {
        assertThat(RawBody.read(declaring(request(BODY), 100), 20_000)).isEqualTo(BODY);
        assertThat(RawBody.read(declaring(request(BODY), 12_000), 20_000)).isEqualTo(BODY);
    }

    @Test
    void acceptsBodyOfExactlyTheMaximumSize() throws IOException {
        assertThat(RawBody.read(request(BODY), BODY.length)).isEqualTo(BODY);
        assertThat(RawBody.read(declaring(request(BODY), -1), BODY.length)).isEqualTo(BODY);
    }

    @Test
    void rejectsBodyAboveTheMaximumSizeWhateverItDeclares() {
        long max = BODY.length - 1;
        assertThatExceptionOfType(RawBody.TooLargeException.class).isThrownBy(() -> RawBody.read(request(BODY), max));
        assertThatExceptionOfType(RawBody.TooLargeException.class)
            .isThrownBy(() -> RawBody.read(declaring(request(BODY), -1), max));
        assertThatExceptionOfType(RawBody.TooLargeException.class)
            .isThrownBy(() -> RawBody.read(declaring(request(BODY), 100), max));
        assertThatExceptionOfType(RawBody.TooLargeException.class)
            .isThrownBy(() -> RawBody.read(declaring(request(BODY), max), max));
    }

    @Test
    void memoryGrowsWithTheBytesThatArriveNotWithTheDeclaredLength() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        HttpServletRequest liar = declaring(request(BODY), 8 * 1024 * 1024);
        RawBody.read(liar, 10 * 1024 * 1024);

        long before = threads.getThreadAllocatedBytes(threadId);
        byte[] read = RawBody.read(declaring(request(BODY), 8 * 1024 * 1024), 10 * 1024 * 1024);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(read).isEqualTo(BODY);
        assertThat(allocated).isLessThan(1024 * 1024);
    }

    private static MockHttpServletRequest request(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/hooks");
        request.setContent(body);
        return request;
    }

    /**
     * A request whose {@code Content-Length} says {@code length} (-1 for none, as when
     * chunked).
     */
    private static HttpServletRequest declaring(HttpServletRequest request, long length) {
        return new HttpServletRequestWrapper(request) {

            @Override
            public long getContentLengthLong() {
                return length;
            }

            @Override
            public int getContentLength() {
                return (int) length;
            }
        };
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

}

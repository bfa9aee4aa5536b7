package io.github.qstashspring.listener;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** Sends a POST to the test application either through MockMvc or over real HTTP. */
enum Transport {

    MOCK_MVC {
        @Override
        String baseUrl(Targets targets) {
            return "http://localhost";
        }

        @Override
        Reply post(Targets targets, String path, byte[] body, Map<String, String> headers) throws Exception {
            MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(path).content(body);
            headers.forEach(request::header);
            MockHttpServletResponse response = targets.mockMvc().perform(request).andReturn().getResponse();
            HttpHeaders responseHeaders = new HttpHeaders();
            for (String name : response.getHeaderNames()) {
                responseHeaders.addAll(name, response.getHeaders(name));
            }
            return new Reply(response.getStatus(), responseHeaders, response.getContentAsByteArray());
        }
    },

    HTTP {
        @Override
        String baseUrl(Targets targets) {
            return "http://localhost:" + targets.port();
        }

        @Override
        Reply post(Targets targets, String path, byte[] body, Map<String, String> headers)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl(targets) + path))
                .version(HttpClient.Version.HTTP_1_1)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpHeaders responseHeaders = new HttpHeaders();
            response.headers().map().forEach(responseHeaders::addAll);
            return new Reply(response.statusCode(), responseHeaders, response.body());
        }
    };

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    abstract String baseUrl(Targets targets);

    abstract Reply post(Targets targets, String path, byte[] body, Map<String, String> headers) throws Exception;

    /** Where to send: the MockMvc instance and the real server's port. */
    record Targets(MockMvc mockMvc, int port) {
    }

    /** What came back. */
    record Reply(int status, HttpHeaders headers, byte[] body) {

        String text() {
            return new String(this.body, StandardCharsets.UTF_8);
        }
    }

}

package io.github.qstashspring.docs;

import java.nio.charset.StandardCharsets;

import io.github.qstashspring.signature.QStashSigner;
import io.github.qstashspring.test.OrderTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * docs/testing.md, "Testing a listener with MockMvc": signed requests without a broker.
 */
@SpringBootTest(classes = OrderTestApplication.class,
        properties = { "qstash.current-signing-key=sig_test_current", "qstash.next-signing-key=sig_test_next",
                "qstash.listener.base-url=" })
@AutoConfigureMockMvc
class SignedRequestMockMvcTests {

    @Autowired
    MockMvc mvc;

    QStashSigner signer = new QStashSigner("sig_test_current");

    @Test
    void signedOrderIsAccepted() throws Exception {
        String body = "{\"id\":\"o-1\",\"quantity\":2}";
        String signature = this.signer.sign("http://localhost/qstash/orders", body.getBytes(StandardCharsets.UTF_8));

        this.mvc
            .perform(post("/qstash/orders").header("Upstash-Signature", signature)
                .header("Upstash-Message-Id", "msg_test_1")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
            .andExpect(status().isOk())
            .andExpect(content().string("accepted o-1"));
    }

    @Test
    void aSignatureForAnotherBodyIsRejected() throws Exception {
        String signature = this.signer.sign("http://localhost/qstash/orders",
                "{\"id\":\"o-1\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8));

        this.mvc
            .perform(post("/qstash/orders").header("Upstash-Signature", signature)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":\"o-1\",\"quantity\":1000}"))
            .andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.error").value("Invalid Upstash-Signature: BODY"));
    }

    @Test
    void aRequestWithoutSignatureIsRejected() throws Exception {
        this.mvc.perform(post("/qstash/orders").contentType(MediaType.APPLICATION_JSON).content("{}"))
            .andExpect(status().isUnauthorized());
    }

}

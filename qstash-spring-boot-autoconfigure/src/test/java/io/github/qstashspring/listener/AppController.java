package io.github.qstashspring.listener;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** An ordinary application controller, secured by whatever the application configured. */
@RestController
class AppController {

    private final Invocations invocations;

    AppController(Invocations invocations) {
        this.invocations = invocations;
    }

    @GetMapping("/app/hello")
    String hello() {
        return "hello";
    }

    @PostMapping("/app/hello")
    String post() {
        this.invocations.record("app-post", "posted");
        return "posted";
    }

}

package io.github.qstashspring.broker.api;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the errors Tomcat finds itself, before any servlet (an encoded {@code /} in the
 * path, a malformed escape, {@code TRACE}), with QStash's {@code {"error":"..."}} instead
 * of an HTML page, so that every error of the broker's port has the API's shape.
 */
final class JsonErrorReportValve extends ErrorReportValve {

    private final JsonMapper json;

    JsonErrorReportValve(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String message = response.getMessage();
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(this.json.writeValueAsString(Map.of("error",
                        (message != null && !message.isBlank()) ? message : "request refused (HTTP " + status + ")")));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // The connection is gone, or the response was started elsewhere: nothing to
            // answer.
        }
    }

}

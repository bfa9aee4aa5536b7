package io.github.qstashspring.workflow;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link WorkflowContext#call call} step got back. Any status is a result: a
 * {@code 500} from the called service does not fail the workflow (its retries, if any,
 * come first).
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the response body: read as the requested type when the response is text
 * (JSON, XML, {@code text/*}, ...); for other content types the bytes as an ISO-8859-1
 * string (request {@code byte[]} to get them back as bytes)
 * @param <B> the body type
 */
public record CallResponse<B>(int status, Map<String, List<String>> headers, @Nullable B body) {
}

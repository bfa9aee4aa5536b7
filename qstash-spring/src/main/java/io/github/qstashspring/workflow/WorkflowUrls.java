package io.github.qstashspring.workflow;

/**
 * Finds other workflows from the URL of the current one, for {@code invoke}.
 *
 * @param workflowUrl the URL of the current workflow
 * @param path the path the current workflow is mapped to in this application
 */
record WorkflowUrls(String workflowUrl, String path) {

    /**
     * The URL of a workflow: an absolute URL as is; a path of this application after the
     * base the current workflow's URL has before its own path; a bare id in place of the
     * last path segment, as the official SDK's {@code serveMany} does.
     */
    String resolve(String workflow) {
        if (workflow.startsWith("http://") || workflow.startsWith("https://")) {
            return workflow;
        }
        if (workflow.startsWith("/")) {
            return base() + workflow;
        }
        if (workflow.isEmpty() || workflow.contains("/")) {
            throw new IllegalArgumentException("'" + workflow + "' is not a workflow URL, path or id");
        }
        return this.workflowUrl.replaceFirst("[^/]+$", java.util.regex.Matcher.quoteReplacement(workflow));
    }

    private String base() {
        int query = this.workflowUrl.indexOf('?');
        String url = (query >= 0) ? this.workflowUrl.substring(0, query) : this.workflowUrl;
        if (url.endsWith(this.path)) {
            return url.substring(0, url.length() - this.path.length());
        }
        int scheme = url.indexOf("://");
        int pathStart = url.indexOf('/', (scheme >= 0) ? scheme + 3 : 0);
        return (pathStart >= 0) ? url.substring(0, pathStart) : url;
    }

}

package io.github.qstashspring.broker.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The dashboard's files: a fixed list read once from the class path, next to this class.
 * A name not on the list has no file, so no request can reach any other resource.
 */
final class DashboardAssets {

    private static final String HTML = "text/html;charset=UTF-8";

    private static final String JAVASCRIPT = "text/javascript;charset=UTF-8";

    private static final String CSS = "text/css;charset=UTF-8";

    private static final String SVG = "image/svg+xml;charset=UTF-8";

    private final Map<String, Asset> assets;

    DashboardAssets() {
        Asset index = load("index.html", HTML);
        this.assets = Map.of("", index, "index.html", index, "dashboard.js", load("dashboard.js", JAVASCRIPT),
                "dashboard-api.js", load("dashboard-api.js", JAVASCRIPT), "dashboard-dom.js",
                load("dashboard-dom.js", JAVASCRIPT), "dashboard-chart.js", load("dashboard-chart.js", JAVASCRIPT),
                "dashboard.css", load("dashboard.css", CSS), "favicon.svg", load("favicon.svg", SVG));
    }

    /**
     * The file of a name.
     * @param name the name after {@code /dashboard/}, exactly as requested ({@code ""} is
     * the page)
     * @return the file, or {@code null} when the name is not on the list
     */
    @Nullable Asset find(String name) {
        return this.assets.get(name);
    }

    private static Asset load(String name, String contentType) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + name + " is missing from the class path");
            }
            return new Asset(in.readAllBytes(), contentType);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * One file.
     *
     * @param content its bytes
     * @param contentType its content type with charset
     */
    record Asset(byte[] content, String contentType) {
    }

}

package io.github.qstashspring.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows printed at the end: each measurement beside its reference, as a Markdown
 * table.
 */
public final class ResultTable {

    private final List<Row> rows = new ArrayList<>();

    /**
     * Adds a row.
     * @param measurement what was measured
     * @param value the figure
     * @param reference the physical reference measured in the same run, or "" for none
     * @param note ratio, goal or remark
     */
    public synchronized void add(String measurement, String value, String reference, String note) {
        this.rows.add(new Row(measurement, value, reference, note));
        System.out.printf("  %-58s %-34s %-30s %s%n", measurement, value, reference, note);
    }

    /**
     * @return the table as Markdown
     */
    public synchronized String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("| Measurement | Value | Reference (same run) | Ratio / goal / note |\n");
        out.append("|---|---|---|---|\n");
        for (Row row : this.rows) {
            out.append("| ")
                .append(row.measurement())
                .append(" | ")
                .append(row.value())
                .append(" | ")
                .append(row.reference())
                .append(" | ")
                .append(row.note())
                .append(" |\n");
        }
        return out.toString();
    }

    /**
     * Formats a rate.
     * @param perSecond the rate
     * @param unit e.g. "msg/s"
     * @return e.g. "3,120 msg/s"
     */
    public static String rate(double perSecond, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s", perSecond, unit);
    }

    /**
     * Formats a ratio.
     * @param ratio the ratio
     * @return e.g. "x1.42"
     */
    public static String ratio(double ratio) {
        return String.format(Locale.ROOT, "x%.2f", ratio);
    }

    private record Row(String measurement, String value, String reference, String note) {
    }

}

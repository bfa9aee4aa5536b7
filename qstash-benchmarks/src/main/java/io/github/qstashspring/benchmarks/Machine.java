package io.github.qstashspring.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a run happens on: cores, CPU model, memory, JDK, OS and load average (read
 * from {@code /proc} on Linux).
 */
public final class Machine {

    private Machine() {
    }

    /**
     * @return one line describing the machine
     */
    public static String describe() {
        return "nproc=" + Runtime.getRuntime().availableProcessors() + ", CPU: " + cpuModel() + ", memory: " + memory()
                + ", JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", OS: "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")";
    }

    /**
     * @return the 1, 5 and 15 minute load averages, e.g. "7.93 8.22 6.97", or "n/a"
     */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        }
        catch (IOException | RuntimeException ex) {
            return "n/a";
        }
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name");
    }

    private static String memory() {
        String total = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        try {
            long kib = Long.parseLong(total.replace("kB", "").trim());
            return String.format(java.util.Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
        }
        catch (NumberFormatException ex) {
            return total;
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (IOException ex) {
            // not Linux
        }
        return "n/a";
    }

}

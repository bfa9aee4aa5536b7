package io.github.qstashspring.broker.autoconfigure;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

import io.github.qstashspring.broker.QStashBrokerProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * The in-app broker's dashboard login link: its dashboard URL with the generated token in
 * the fragment ({@code #token=...}, which browsers never send to a server, so it reaches
 * no access log), written at every start to a file only its owner can read. By default
 * the file sits next to an H2 file database ({@code .qstash/dashboard-login.url}), which
 * holds the same token; for other databases only when
 * {@code qstash.embedded.dashboard.login-file} names one. The link is never logged.
 */
final class DashboardLoginFile {

    /** The file's name next to an H2 file database. */
    static final String DEFAULT_NAME = "dashboard-login.url";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DashboardLoginFile() {
    }

    /**
     * Where the link goes.
     * @param properties the broker's properties
     * @return the file, or {@code null} for none
     */
    static @Nullable Path location(QStashBrokerProperties properties) {
        String configured = properties.getDashboard().getLoginFile();
        if (configured != null) {
            return StringUtils.hasText(configured) ? Path.of(configured) : null;
        }
        String url = properties.getDatabase().getUrl();
        if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:file:")) {
            return null;
        }
        String database = url.substring("jdbc:h2:file:".length());
        int parameters = database.indexOf(';');
        if (parameters >= 0) {
            database = database.substring(0, parameters);
        }
        if (database.startsWith("~")) {
            database = System.getProperty("user.home") + database.substring(1);
        }
        Path parent = Path.of(database).toAbsolutePath().normalize().getParent();
        return (parent != null) ? parent.resolve(DEFAULT_NAME) : null;
    }

    /**
     * Writes the link, replacing an older one, readable and writable by its owner only
     * (where the file system has POSIX permissions).
     * @param file the file
     * @param dashboardUrl the dashboard's URL
     * @param token the broker's token
     * @throws IOException when the file cannot be written
     */
    static void write(Path file, String dashboardUrl, String token) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.deleteIfExists(file);
        if (Files.getFileStore(parent != null ? parent : file.toAbsolutePath()).supportsFileAttributeView("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        else {
            Files.createFile(file);
        }
        String link = dashboardUrl + "#token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "\n";
        Files.writeString(file, link, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

}

package io.github.qstashspring.client;

/**
 * The signing keys QStash signs deliveries with ({@code GET /v2/keys}).
 *
 * @param current the key used now
 * @param next the key used after the next rotation
 */
public record SigningKeys(String current, String next) {

    @Override
    public String toString() {
        return "SigningKeys[current=***, next=***]";
    }
}

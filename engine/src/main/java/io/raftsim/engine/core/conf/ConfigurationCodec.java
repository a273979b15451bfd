package io.raftsim.engine.core.conf;

import io.raftsim.engine.Configuration;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the {@code data} of a CONFIGURATION log entry: {@code "conf=<peers/learners>"} and, for a
 * joint configuration (part 2), {@code ";old=<peers>"}. Text, so that logs stay readable in traces.
 */
public final class ConfigurationCodec {
    private ConfigurationCodec() {}

    public static byte[] encode(ConfigurationEntry entry) {
        String s = "conf=" + entry.conf() + (entry.oldConf() == null ? "" : ";old=" + entry.oldConf());
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static ConfigurationEntry decode(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        String[] parts = s.split(";", -1);
        if (!parts[0].startsWith("conf=") || parts.length > 2 || (parts.length == 2 && !parts[1].startsWith("old="))) {
            throw new IllegalArgumentException("malformed configuration entry: '" + s + "'");
        }
        Configuration conf = Configuration.parse(parts[0].substring(5));
        Configuration old = parts.length == 2 ? Configuration.parse(parts[1].substring(4)) : null;
        return new ConfigurationEntry(conf, old);
    }
}

package io.raftsim.engine.core.conf;

import io.raftsim.engine.Configuration;
import java.util.Objects;

/** The content of a CONFIGURATION entry: the new configuration, and the old one while joint. */
public record ConfigurationEntry(Configuration conf, Configuration oldConf) {
    public ConfigurationEntry {
        Objects.requireNonNull(conf, "conf");
    }

    public boolean isJoint() {
        return oldConf != null;
    }
}

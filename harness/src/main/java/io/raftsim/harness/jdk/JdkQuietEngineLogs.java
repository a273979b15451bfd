package io.raftsim.harness.jdk;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Campaigns run thousands of seeds in which the engine legitimately recovers torn logs; its
 * operator warnings (e.g. "cutting the unsynced tail") would bury the progress lines and the
 * failing seeds' repro commands. A single {@code raftsim run} keeps them. The logger is held in a
 * static field because java.util.logging keeps loggers only weakly: a level set on a logger
 * nobody references is lost at the next GC.
 */
public final class JdkQuietEngineLogs {
    private static final Logger ENGINE = Logger.getLogger("io.raftsim.engine");

    private JdkQuietEngineLogs() {}

    /** Engine logs below SEVERE are dropped for the rest of this JVM. */
    public static void install() {
        ENGINE.setLevel(Level.SEVERE);
    }
}

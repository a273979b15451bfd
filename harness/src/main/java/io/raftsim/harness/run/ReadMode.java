package io.raftsim.harness.run;

/** How clients read (DESIGN.md section 4): through the log, by ReadIndex, or under the leader lease. */
public enum ReadMode {
    LOG,
    READ_INDEX,
    LEASE;

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

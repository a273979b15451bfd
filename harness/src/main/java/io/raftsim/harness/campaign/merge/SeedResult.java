package io.raftsim.harness.campaign.merge;

import java.util.Objects;

/**
 * One seed's line in a campaign's {@code campaign.json}, as merging needs it.
 *
 * @param kind failure kind, null for a valid run
 * @param detail failure detail, null for a valid run
 * @param repro the command that reproduces the run, null for a valid run
 */
public record SeedResult(
        long seed,
        String verdict,
        String traceHash,
        long events,
        long wallMs,
        String kind,
        String detail,
        String repro) {
    public SeedResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(traceHash, "traceHash");
    }

    public boolean valid() {
        return verdict.equals("valid");
    }
}

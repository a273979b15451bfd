package io.raftsim.harness.campaign;

import io.raftsim.harness.run.RunSummary;
import io.raftsim.harness.run.Verdict;
import java.util.List;

/**
 * A finished (or stopped) campaign: every seed's summary in seed order, and the wall time it took.
 * Rates count only the seeds this process ran, not those taken over from an interrupted campaign.
 *
 * @param cpuMs CPU time (user + system) of the whole process during the campaign, all threads
 *     (JIT and GC included), or -1 if the JVM cannot tell
 * @param seedCpuMs CPU time of the threads while they ran seeds (simulation and checking only), or
 *     -1 if the JVM cannot tell
 * @param resumed how many summaries came from a previous, interrupted campaign
 * @param ranSimulatedMs simulated time of the seeds run here
 * @param ranEvents events executed by the seeds run here
 */
public record CampaignResult(
        long first,
        long last,
        Shard shard,
        List<RunSummary> runs,
        long wallMs,
        long cpuMs,
        long seedCpuMs,
        int resumed,
        long ranSimulatedMs,
        long ranEvents,
        boolean stoppedEarly) {
    public CampaignResult {
        runs = List.copyOf(runs);
    }

    public long count(Verdict v) {
        return runs.stream().filter(r -> r.verdict() == v).count();
    }

    public List<RunSummary> failures() {
        return runs.stream().filter(r -> r.verdict() != Verdict.VALID).toList();
    }

    public Verdict verdict() {
        Verdict v = Verdict.VALID;
        for (RunSummary r : runs) {
            v = v.worst(r.verdict());
        }
        return v;
    }

    public double seedsPerSecond() {
        return wallMs == 0 ? 0 : (runs.size() - resumed) * 1000.0 / wallMs;
    }

    /** Simulated seconds per wall second (all jobs together). */
    public double simulatedPerWall() {
        return wallMs == 0 ? 0 : (double) ranSimulatedMs / wallMs;
    }

    /**
     * Simulated seconds per CPU second of the whole process: issue 6's "faster than real time per
     * core, checking included". 0 if the CPU time is unknown.
     */
    public double simulatedPerCpu() {
        return cpuMs <= 0 ? 0 : (double) ranSimulatedMs / cpuMs;
    }

    /** Simulated seconds per CPU second spent inside the seeds (without JIT, GC and I/O threads). */
    public double simulatedPerSeedCpu() {
        return seedCpuMs <= 0 ? 0 : (double) ranSimulatedMs / seedCpuMs;
    }

    public double eventsPerSecond() {
        return wallMs == 0 ? 0 : ranEvents * 1000.0 / wallMs;
    }
}

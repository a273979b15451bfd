package io.raftsim.harness.run;

import io.raftsim.harness.report.SummaryCodec;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        RunConfig c = RunConfig.defaults(1);
        c = new RunConfig(
                1,
                5,
                Workload.KV,
                300,
                10_000,
                NemesisSpec.parse(System.getProperty("nem", "none")),
                ReadMode.LOG,
                5,
                2_000,
                false);
        RunOutcome o = RunDriver.run(c);
        System.out.println(SummaryCodec.toJson(o.summary()));
    }
}

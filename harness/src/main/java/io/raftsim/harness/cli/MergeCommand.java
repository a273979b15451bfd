package io.raftsim.harness.cli;

import io.raftsim.harness.campaign.merge.CampaignFile;
import io.raftsim.harness.campaign.merge.CampaignMerge;
import io.raftsim.harness.campaign.merge.MergeReport;
import io.raftsim.harness.report.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code raftsim merge DIR...}: merges the {@code campaign.json} of campaign shards into one
 * {@code campaign.json} and one {@code junit.xml}. Exit code is the merged verdict: 1 if any seed
 * failed or two shards disagree on a seed's trace, 3 if a seed is unknown or no shard ran it.
 */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = "Merge campaign outputs (e.g. one per shard) into one report and one JUnit XML.")
final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Campaign directories (each with campaign.json).")
    List<Path> dirs;

    @Option(
            names = "--out",
            defaultValue = "runs/merged",
            description = "Where the merged report goes. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() {
        List<CampaignFile> files = new ArrayList<>();
        for (Path d : dirs) {
            Path f = Files.isDirectory(d) ? d.resolve("campaign.json") : d;
            String json;
            try {
                json = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot read " + f + ": " + e.getMessage());
            }
            files.add(CampaignFile.parse(f.toString(), json));
        }
        CampaignMerge.Merged m = CampaignMerge.merge(files);
        AtomicFiles.write(out.resolve("campaign.json"), MergeReport.json(m));
        AtomicFiles.write(out.resolve("junit.xml"), MergeReport.junitXml(m));
        System.out.print(MergeReport.table(m));
        System.out.println("verdict: " + m.verdict() + "; campaign.json and junit.xml in " + out);
        return switch (m.verdict()) {
            case "valid" -> RaftsimCli.EXIT_VALID;
            case "invalid" -> RaftsimCli.EXIT_VIOLATION;
            default -> RaftsimCli.EXIT_UNKNOWN;
        };
    }
}

package io.raftsim.engine.storage.log;

import java.util.List;

/**
 * What opening a {@link SegmentedLog} found and repaired.
 *
 * @param firstIndex first index after recovery
 * @param lastIndex last index after recovery ({@code firstIndex - 1} if empty)
 * @param segmentFiles segment files kept, in index order
 * @param tornTail the torn tail cut off the last segment, or null if it ended cleanly
 * @param deletedFiles segment files dropped because they lay wholly before {@code firstIndex}
 *     (left over from a compaction that crashed before its deletions were durable)
 */
public record RecoveryReport(
        long firstIndex, long lastIndex, List<String> segmentFiles, TornTail tornTail, List<String> deletedFiles) {

    /**
     * A torn tail: the last segment's bytes from {@code validBytes} on did not form a complete,
     * checksummed record, and no valid record followed them, so they were an append that never
     * became durable (and was therefore never acknowledged).
     */
    public record TornTail(String file, long validBytes, long droppedBytes, String reason) {}
}

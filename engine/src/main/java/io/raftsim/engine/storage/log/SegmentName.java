package io.raftsim.engine.storage.log;

import io.raftsim.engine.storage.IndexDigits;

/**
 * Segment file names, as braft names them: {@code log_inprogress_<first>} for the open segment
 * and {@code log_<first>_<last>} for a closed one, indexes zero-padded to 20 digits so that names
 * sort like their ranges.
 */
record SegmentName(long firstIndex, long lastIndex, boolean open) {
    static final String PREFIX = "log_";
    static final String OPEN_PREFIX = "log_inprogress_";

    static String openName(long firstIndex) {
        return OPEN_PREFIX + IndexDigits.of(firstIndex);
    }

    static String closedName(long firstIndex, long lastIndex) {
        return PREFIX + IndexDigits.of(firstIndex) + "_" + IndexDigits.of(lastIndex);
    }

    /** Parses a segment file name; null if {@code name} is not a segment name at all. */
    static SegmentName parse(String name) {
        try {
            if (name.startsWith(OPEN_PREFIX)) {
                String digits = name.substring(OPEN_PREFIX.length());
                return digits.length() == 20 ? new SegmentName(Long.parseLong(digits), -1, true) : null;
            }
            if (name.startsWith(PREFIX)
                    && name.length() == PREFIX.length() + 41
                    && name.charAt(PREFIX.length() + 20) == '_') {
                long first = Long.parseLong(name.substring(PREFIX.length(), PREFIX.length() + 20));
                long last = Long.parseLong(name.substring(PREFIX.length() + 21));
                return new SegmentName(first, last, false);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}

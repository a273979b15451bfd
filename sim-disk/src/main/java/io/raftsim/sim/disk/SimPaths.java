package io.raftsim.sim.disk;

import java.util.ArrayList;
import java.util.List;

/** '/'-separated paths relative to the disk's root; "" is the root. */
final class SimPaths {
    private SimPaths() {}

    static String normalize(String path) {
        // Every disk operation normalizes its path, and the engine's paths are canonical already:
        // checking that in one pass saves a split, a list and a join per call.
        if (path != null && isCanonical(path)) {
            return path;
        }
        return String.join("/", segments(path));
    }

    /** True if {@code path} is what {@link #normalize} would return: no empty, "." or ".." segment. */
    private static boolean isCanonical(String path) {
        int n = path.length();
        int segStart = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                int len = i - segStart;
                if (len == 0) {
                    return n == 0; // the root, or a leading, trailing or doubled '/'
                }
                if (len <= 2 && path.charAt(segStart) == '.' && (len == 1 || path.charAt(segStart + 1) == '.')) {
                    return false; // "." or "..": segments() rejects it with the message
                }
                segStart = i + 1;
            }
        }
        return true;
    }

    static List<String> segments(String path) {
        if (path == null) {
            throw new DiskException(DiskErrorKind.NOT_FOUND, "path must not be null");
        }
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty()) {
                continue;
            }
            if (s.equals(".") || s.equals("..")) {
                throw new DiskException(DiskErrorKind.NOT_FOUND, "path '" + path + "' must not contain . or ..");
            }
            out.add(s);
        }
        return out;
    }

    static String parent(String normalized) {
        int i = normalized.lastIndexOf('/');
        return i < 0 ? "" : normalized.substring(0, i);
    }

    static String name(String normalized) {
        return normalized.substring(normalized.lastIndexOf('/') + 1);
    }
}

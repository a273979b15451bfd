package io.raftsim.sim.disk;

import java.util.ArrayList;
import java.util.List;

/** '/'-separated paths relative to the disk's root; "" is the root. */
final class SimPaths {
    private SimPaths() {}

    static String normalize(String path) {
        return String.join("/", segments(path));
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

package io.raftsim.harness.adapter;

import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.sim.disk.DiskCallback;
import io.raftsim.sim.disk.DiskException;
import io.raftsim.sim.disk.SimDisk;
import io.raftsim.sim.disk.SimFile;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The engine's file-system SPI on a simulated disk, so that the engine's real storage code (the
 * segmented log, meta and snapshot storage) runs against a hostile disk (DESIGN.md section 3).
 *
 * <p>Every disk error becomes a {@link StorageException} of the same kind. Completions pass through
 * {@code gate}, normally the node's {@code NodeGate::guard}: a paused process sees its fsync
 * complete only when it resumes, and a killed one never does.
 */
public final class SimDiskFileSystem implements FileSystem {
    private final SimDisk disk;
    private final UnaryOperator<Runnable> gate;

    public SimDiskFileSystem(SimDisk disk, UnaryOperator<Runnable> gate) {
        this.disk = Objects.requireNonNull(disk, "disk");
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    public SimDisk disk() {
        return disk;
    }

    static StorageException toStorage(DiskException e) {
        StorageException.Kind kind =
                switch (e.kind()) {
                    case IO -> StorageException.Kind.IO;
                    case NO_SPACE -> StorageException.Kind.NO_SPACE;
                    case NOT_FOUND -> StorageException.Kind.NOT_FOUND;
                };
        return new StorageException(kind, e.getMessage(), e);
    }

    /** Maps a disk completion onto an engine completion, through the node's gate. */
    DiskCallback completion(IoCallback done) {
        Objects.requireNonNull(done, "done");
        return error -> gate.apply(() -> done.done(error == null ? null : toStorage(error)))
                .run();
    }

    @Override
    public FileHandle open(String path, boolean create) {
        try {
            return new Handle(disk.open(path, create));
        } catch (DiskException e) {
            throw toStorage(e);
        }
    }

    @Override
    public boolean exists(String path) {
        return disk.exists(path);
    }

    @Override
    public List<String> list(String dir) {
        try {
            return disk.list(dir);
        } catch (DiskException e) {
            throw toStorage(e);
        }
    }

    @Override
    public void mkdirs(String dir) {
        try {
            disk.mkdirs(dir);
        } catch (DiskException e) {
            throw toStorage(e);
        }
    }

    @Override
    public void rename(String from, String to) {
        try {
            disk.rename(from, to);
        } catch (DiskException e) {
            throw toStorage(e);
        }
    }

    @Override
    public void delete(String path) {
        try {
            disk.delete(path);
        } catch (DiskException e) {
            throw toStorage(e);
        }
    }

    @Override
    public void syncDirectory(String dir, IoCallback done) {
        try {
            disk.syncDirectory(dir, completion(done));
        } catch (DiskException e) {
            throw toStorage(e);
        }
    }

    /** One open simulated file. */
    private final class Handle implements FileHandle {
        private final SimFile file;

        Handle(SimFile file) {
            this.file = file;
        }

        @Override
        public String path() {
            return file.path();
        }

        @Override
        public long size() {
            try {
                return file.size();
            } catch (DiskException e) {
                throw toStorage(e);
            }
        }

        @Override
        public int read(long offset, byte[] dst, int dstOff, int len) {
            try {
                return file.read(offset, dst, dstOff, len);
            } catch (DiskException e) {
                throw toStorage(e);
            }
        }

        @Override
        public void write(long offset, byte[] src, int srcOff, int len) {
            try {
                file.write(offset, src, srcOff, len);
            } catch (DiskException e) {
                throw toStorage(e);
            }
        }

        @Override
        public void truncate(long size) {
            try {
                file.truncate(size);
            } catch (DiskException e) {
                throw toStorage(e);
            }
        }

        @Override
        public void fsync(IoCallback done) {
            try {
                file.fsync(completion(done));
            } catch (DiskException e) {
                throw toStorage(e);
            }
        }

        @Override
        public void close() {
            file.close();
        }
    }
}

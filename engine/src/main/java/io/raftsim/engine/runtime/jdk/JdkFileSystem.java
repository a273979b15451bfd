package io.raftsim.engine.runtime.jdk;

import io.raftsim.engine.spi.Clock;
import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.FileSystem;
import io.raftsim.engine.spi.fs.IoCallback;
import io.raftsim.engine.spi.fs.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@link FileSystem} over {@code java.nio} under a root directory. Reads, writes and namespace
 * operations run on the caller's thread (the node's event loop); fsyncs ({@link
 * FileChannel#force}) and directory syncs (open the directory's channel and force it, which is
 * what makes a create, rename or unlink durable on Linux) run on one sync thread per file system,
 * so the event loop keeps accepting appends that the next fsync then covers. Completions are
 * posted back to the node's event loop.
 */
public final class JdkFileSystem implements FileSystem, AutoCloseable {
    private final Path root;
    private final Clock loop;
    private final ExecutorService syncThread;

    /** {@code root} must exist; {@code loop} is the node's event loop, where completions run. */
    public JdkFileSystem(Path root, Clock loop) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.loop = Objects.requireNonNull(loop, "loop");
        if (!Files.isDirectory(this.root)) {
            throw new StorageException(StorageException.Kind.NOT_FOUND, "data root is not a directory: " + root);
        }
        this.syncThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "raft-fsync-" + root.getFileName());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public FileHandle open(String path, boolean create) {
        Path p = resolve(path);
        try {
            FileChannel ch = create
                    ? FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
                    : FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new JdkFileHandle(this, path, ch);
        } catch (IOException e) {
            throw translate("open " + path, e);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(resolve(path));
    }

    @Override
    public List<String> list(String dir) {
        Path p = resolve(dir);
        if (!Files.isDirectory(p)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw translate("list " + dir, e);
        }
    }

    @Override
    public void mkdirs(String dir) {
        try {
            Files.createDirectories(resolve(dir));
        } catch (IOException e) {
            throw translate("mkdirs " + dir, e);
        }
    }

    @Override
    public void rename(String from, String to) {
        try {
            Files.move(resolve(from), resolve(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new StorageException(
                    StorageException.Kind.IO, "rename " + from + " -> " + to + " cannot be atomic", e);
        } catch (IOException e) {
            throw translate("rename " + from + " -> " + to, e);
        }
    }

    @Override
    public void delete(String path) {
        try {
            Files.deleteIfExists(resolve(path));
        } catch (IOException e) {
            throw translate("delete " + path, e);
        }
    }

    @Override
    public void syncDirectory(String dir, IoCallback done) {
        Path p = resolve(dir);
        if (!Files.isDirectory(p)) {
            throw new StorageException(StorageException.Kind.NOT_FOUND, "no such directory: '" + dir + "'");
        }
        sync(
                "sync directory '" + dir + "'",
                () -> {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                        ch.force(true);
                    }
                },
                done);
    }

    /** Stops the sync thread; syncs not yet started never complete. */
    @Override
    public void close() {
        syncThread.shutdownNow();
        try {
            syncThread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    interface IoAction {
        void run() throws IOException;
    }

    void sync(String what, IoAction action, IoCallback done) {
        Objects.requireNonNull(done, "done");
        if (syncThread.isShutdown()) {
            throw new StorageException(StorageException.Kind.IO, what + ": file system is closed");
        }
        syncThread.execute(() -> {
            StorageException error = null;
            try {
                action.run();
            } catch (IOException e) {
                error = translate(what, e);
            }
            StorageException result = error;
            loop.execute(() -> done.done(result));
        });
    }

    private Path resolve(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            return root;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("bad path '" + path + "': relative '/'-separated names only");
            }
        }
        return root.resolve(path);
    }

    static StorageException translate(String what, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new StorageException(StorageException.Kind.NOT_FOUND, what + ": " + e.getMessage(), e);
        }
        if (e instanceof DirectoryNotEmptyException) {
            return new StorageException(StorageException.Kind.IO, what + ": directory not empty", e);
        }
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("No space left") || msg.contains("ENOSPC") || msg.contains("Disk quota exceeded")) {
            return new StorageException(StorageException.Kind.NO_SPACE, what + ": " + msg, e);
        }
        return new StorageException(StorageException.Kind.IO, what + ": " + msg, e);
    }
}

package io.raftsim.engine.runtime.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftsim.engine.spi.fs.FileHandle;
import io.raftsim.engine.spi.fs.StorageException;
import io.raftsim.engine.storage.testenv.JdkEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkFileSystemTest {
    @TempDir
    Path tmp;

    @Test
    void writeFsyncRenameAndDirectorySyncOnARealDirectory() throws Exception {
        try (JdkEnv env = new JdkEnv(tmp)) {
            env.run(() -> env.fs.mkdirs("a/b"));
            FileHandle h = env.call(() -> env.fs.open("a/b/f.tmp", true));
            byte[] data = "durable bytes".getBytes(StandardCharsets.UTF_8);
            env.run(() -> h.write(0, data, 0, data.length));
            assertThat(env.await(h::fsync)).isNull();
            env.run(h::close);
            env.run(() -> env.fs.rename("a/b/f.tmp", "a/b/f"));
            assertThat(env.await(cb -> env.fs.syncDirectory("a/b", cb))).isNull();
            assertThat(env.await(cb -> env.fs.syncDirectory("", cb))).isNull();
            assertThat(Files.readString(tmp.resolve("a/b/f"))).isEqualTo("durable bytes");
            assertThat(env.call(() -> env.fs.list("a/b"))).containsExactly("f");
            assertThat(env.call(() -> env.fs.exists("a/b/f.tmp"))).isFalse();
        }
    }

    @Test
    void fsyncCompletesOnTheEventLoop() {
        try (JdkEnv env = new JdkEnv(tmp)) {
            FileHandle h = env.call(() -> env.fs.open("f", true));
            boolean[] onLoop = {false};
            assertThat(env.await(cb -> h.fsync(err -> {
                        onLoop[0] = env.clock.inEventLoop();
                        cb.done(err);
                    })))
                    .isNull();
            assertThat(onLoop[0]).isTrue();
            env.run(h::close);
        }
    }

    @Test
    void truncateReadAndErrorsAreTyped() {
        try (JdkEnv env = new JdkEnv(tmp)) {
            FileHandle h = env.call(() -> env.fs.open("f", true));
            byte[] data = "0123456789".getBytes(StandardCharsets.UTF_8);
            env.run(() -> h.write(0, data, 0, data.length));
            env.run(() -> h.truncate(4));
            assertThat(env.call(h::size)).isEqualTo(4);
            byte[] buf = new byte[10];
            assertThat(env.call(() -> h.read(0, buf, 0, 10))).isEqualTo(4);
            assertThat(env.call(() -> h.read(4, buf, 0, 10))).isEqualTo(-1);
            env.run(h::close);
            assertThatThrownBy(() -> env.call(() -> env.fs.open("missing", false)))
                    .isInstanceOf(StorageException.class)
                    .satisfies(
                            e -> assertThat(((StorageException) e).kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
            assertThatThrownBy(() -> env.call(() -> env.fs.open("../escape", true)))
                    .isInstanceOf(IllegalArgumentException.class);
            env.run(() -> env.fs.mkdirs("d"));
            env.run(() -> env.fs.open("d/x", true).close());
            assertThatThrownBy(() -> env.run(() -> env.fs.delete("d"))).isInstanceOf(StorageException.class);
            assertThatThrownBy(() -> env.await(cb -> env.fs.syncDirectory("nope", cb)))
                    .isInstanceOf(StorageException.class);
        }
    }
}

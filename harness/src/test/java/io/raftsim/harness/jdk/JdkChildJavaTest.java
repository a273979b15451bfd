package io.raftsim.harness.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdkChildJavaTest {
    @Test
    void passesHeapGcAndJitOptionsButNotAgentsOrRecordings() {
        List<String> parent = List.of(
                "-XX:InlineSmallCode=500",
                "-XX:+UseSerialGC",
                "-Xmn1g",
                "-Xmx4g",
                "-Xss2m",
                "-XX:StartFlightRecording=filename=x.jfr",
                "-agentlib:jdwp=transport=dt_socket",
                "-javaagent:foo.jar",
                "-Dfile.encoding=UTF-8",
                "-XX:+HeapDumpOnOutOfMemoryError");
        assertThat(JdkChildJava.inheritedOptions(parent))
                .containsExactly("-XX:InlineSmallCode=500", "-XX:+UseSerialGC", "-Xmn1g", "-Xmx4g", "-Xss2m");
    }

    @Test
    void commandRunsThisJvmsJavaOnTheJar() {
        List<String> cmd = JdkChildJava.jarCommand(Path.of("some.jar"));
        assertThat(cmd.get(0)).endsWith("java");
        assertThat(cmd.subList(cmd.size() - 2, cmd.size())).containsExactly("-jar", "some.jar");
    }
}

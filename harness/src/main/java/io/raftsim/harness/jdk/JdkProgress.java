package io.raftsim.harness.jdk;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Campaign progress: a progress bar on a terminal, plain lines in CI logs (no carriage returns
 * that log viewers mangle). Thread-safe: seeds finish on several threads.
 */
public final class JdkProgress implements AutoCloseable {
    private final PrintStream out;
    private final long total;
    private final ProgressBar bar;
    private long done;
    private long lastPrintedPercent = -1;

    public JdkProgress(PrintStream out, long total, boolean quiet) {
        this.out = out;
        this.total = total;
        boolean tty = System.console() != null && System.getenv("CI") == null;
        this.bar = tty && !quiet
                ? new ProgressBarBuilder()
                        .setTaskName("fuzz")
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII)
                        .continuousUpdate()
                        .build()
                : null;
    }

    /** One seed finished; {@code line} is printed at once when not null (failures). */
    public synchronized void step(String line) {
        done++;
        if (bar != null) {
            bar.step();
            if (line != null) {
                bar.pause();
                out.println();
                out.println(line);
                bar.resume();
            }
            return;
        }
        if (line != null) {
            out.println(line);
        }
        long pct = total == 0 ? 100 : done * 100 / total;
        if (pct / 10 != lastPrintedPercent / 10 || done == total) {
            lastPrintedPercent = pct;
            out.println("fuzz: " + done + "/" + total + " seeds (" + pct + "%)");
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}

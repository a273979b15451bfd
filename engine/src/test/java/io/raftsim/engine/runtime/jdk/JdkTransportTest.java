package io.raftsim.engine.runtime.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftsim.engine.PeerId;
import io.raftsim.engine.message.RaftMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JdkTransportTest {
    private record Ping(PeerId from, PeerId to, long term) implements RaftMessage {
        @Override
        public String groupId() {
            return "g";
        }

        @Override
        public int sizeBytes() {
            return 16;
        }
    }

    @Test
    void messagesArriveInOrderOnTheTargetsEventLoopAndUnknownPeersDrop() throws Exception {
        PeerId a = PeerId.of("a");
        PeerId b = PeerId.of("b");
        JdkTransport net = new JdkTransport();
        try (JdkClock loopB = new JdkClock("b")) {
            List<Long> got = new ArrayList<>();
            List<Boolean> onLoop = new ArrayList<>();
            CountDownLatch three = new CountDownLatch(3);
            net.register(b, loopB, m -> {
                got.add(m.term());
                onLoop.add(loopB.inEventLoop());
                three.countDown();
            });
            net.send(PeerId.of("nobody"), new Ping(a, PeerId.of("nobody"), 9));
            for (long t = 1; t <= 3; t++) {
                net.send(b, new Ping(a, b, t));
            }
            assertThat(three.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(got).containsExactly(1L, 2L, 3L);
            assertThat(onLoop).containsOnly(true);
            net.unregister(b);
            net.send(b, new Ping(a, b, 4)); // dropped: nobody registered
            CountDownLatch flushed = new CountDownLatch(1);
            loopB.execute(flushed::countDown);
            assertThat(flushed.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(got).containsExactly(1L, 2L, 3L);
        }
    }
}

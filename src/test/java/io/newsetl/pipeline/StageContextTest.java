package io.newsetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The context's bookkeeping, without Spark. */
class StageContextTest {

    @Test
    void stagesAreTimedAndCountedUnderTheirNames() {
        try (StageContext ctx = new StageContext(null, null)) {
            int n = ctx.run("length", (String in, StageContext c) -> {
                c.count("chars", in.length());
                return in.length();
            }, "night");
            ctx.run("again", (Integer in, StageContext c) -> in + 1, n);
            assertThat(n).isEqualTo(5);
            assertThat(ctx.seconds()).containsOnlyKeys("length", "again");
            assertThat(ctx.counter("length", "chars")).isEqualTo(5);
            assertThat(ctx.counter("again", "chars")).isZero();
        }
    }

    @Test
    void everythingRegisteredIsReleasedLastFirstEvenWhenOneReleaseFails() {
        List<String> released = new ArrayList<>();
        StageContext ctx = new StageContext(null, null);
        ctx.onClose(() -> released.add("first"));
        ctx.onClose(() -> {
            throw new IllegalStateException("cannot release");
        });
        ctx.onClose(() -> released.add("last"));
        assertThatThrownBy(ctx::close).hasMessage("cannot release");
        assertThat(released).containsExactly("last", "first");
    }
}

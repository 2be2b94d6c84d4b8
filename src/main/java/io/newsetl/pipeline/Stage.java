package io.newsetl.pipeline;

/**
 * One step of the night, of one shape: it takes what the step before it made and returns what the next one
 * needs. The {@link StageContext} times it, keeps its counters and log line, and releases what it caches when the
 * night ends. Stages wire Spark reads, maps, joins and writes around the pure classes of their package; they hold
 * no rules of their own.
 *
 * <pre>{@code
 * Stage<String, Integer> length = (in, ctx) -> {
 *     ctx.count("chars", in.length());
 *     return in.length();
 * };
 * }</pre>
 *
 * @param <I> what the stage reads
 * @param <O> what it hands on
 */
@FunctionalInterface
public interface Stage<I, O> {

    O apply(I in, StageContext ctx);
}

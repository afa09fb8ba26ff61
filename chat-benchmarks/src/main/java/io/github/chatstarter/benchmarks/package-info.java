/**
 * Side-by-side benchmarks of {@code ChatTemplate} and other Java OpenAI clients against a
 * stub upstream. Not part of the starter; run with {@code chat-benchmarks/run.sh}.
 */
@NullMarked
package io.github.chatstarter.benchmarks;

import org.jspecify.annotations.NullMarked;

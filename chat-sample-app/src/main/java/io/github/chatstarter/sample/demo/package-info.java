/**
 * The built-in OpenAI-compatible demo upstream that lets the sample run offline, and the
 * environment post-processors that decide whether it runs.
 */
@NullMarked
package io.github.chatstarter.sample.demo;

import org.jspecify.annotations.NullMarked;

/**
 * The {@link io.github.chatstarter.error.ChatException} hierarchy and the one place that
 * maps upstream error replies to it
 * ({@link io.github.chatstarter.error.internal.ChatExceptions}).
 */
@NullMarked
package io.github.chatstarter.error;

import org.jspecify.annotations.NullMarked;

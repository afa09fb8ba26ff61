/**
 * The fluent prompt API on every {@link io.github.chatstarter.ChatTemplate}:
 * {@code chat.prompt()}, then {@code call()} or {@code stream()}, then the text, the
 * reply or a typed answer made from a JSON schema of the Java type.
 */
@NullMarked
package io.github.chatstarter.prompt;

import org.jspecify.annotations.NullMarked;

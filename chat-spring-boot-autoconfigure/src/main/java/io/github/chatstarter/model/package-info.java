/**
 * Immutable request and reply types of the chat-completions protocol, independent of HTTP
 * and Spring. JSON property names are snake_case; unknown reply fields are kept in each
 * type's {@code extra()} map.
 */
@NullMarked
package io.github.chatstarter.model;

import org.jspecify.annotations.NullMarked;

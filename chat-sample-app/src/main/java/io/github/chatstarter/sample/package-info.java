/**
 * A runnable application that chats through the starter: REST and SSE endpoints and a
 * chat page.
 */
@NullMarked
package io.github.chatstarter.sample;

import org.jspecify.annotations.NullMarked;

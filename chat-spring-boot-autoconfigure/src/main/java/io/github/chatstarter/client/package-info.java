/**
 * One provider: request encoding, the HTTP exchange over WebClient and Reactor Netty, and
 * decoding of JSON replies and server-sent event streams. Built from a plain
 * {@link io.github.chatstarter.client.ProviderSettings}, so it works without a Spring
 * context.
 */
@NullMarked
package io.github.chatstarter.client;

import org.jspecify.annotations.NullMarked;

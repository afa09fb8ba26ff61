/**
 * What instances of an application share: the token buckets of rate limits, and the API
 * keys and providers set aside for a while. One interface, {@link ClusterState}, with a
 * state of this instance only and one shared through Redis.
 */
@NullMarked
package io.github.chatstarter.state;

import org.jspecify.annotations.NullMarked;

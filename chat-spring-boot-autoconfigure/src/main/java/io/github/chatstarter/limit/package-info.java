/**
 * Admission before any byte is sent: client-side rate limits (requests and tokens per
 * minute, of a provider and of each API key) and this instance's concurrent requests,
 * kept in a {@link io.github.chatstarter.state.ClusterState} so that many instances can
 * share them.
 */
@NullMarked
package io.github.chatstarter.limit;

import org.jspecify.annotations.NullMarked;

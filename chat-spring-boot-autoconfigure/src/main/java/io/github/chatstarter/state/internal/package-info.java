/**
 * Internals of the Redis-backed stores, shared by {@code state} and {@code memory}; not
 * API.
 */
@NullMarked
package io.github.chatstarter.state.internal;

import org.jspecify.annotations.NullMarked;

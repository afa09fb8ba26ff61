/**
 * Internal: what the root package, the client and prompts share and none of them may own
 * (each depends on the others' layer): how a stream's chunks become one reply. Depends
 * only on {@code model} and {@code error}. Not API; it may change in any release.
 */
@NullMarked
package io.github.chatstarter.internal;

import org.jspecify.annotations.NullMarked;

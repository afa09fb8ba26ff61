/**
 * Internal: the one mapping of upstream answers to exceptions, and the masking of keys.
 * Not API: the other layers of the starter use it, applications must not; it may change
 * in any release.
 */
@NullMarked
package io.github.chatstarter.error.internal;

import org.jspecify.annotations.NullMarked;

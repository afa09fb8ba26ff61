/**
 * Internal: the checks a request passes before anything is sent, and the cooldown of
 * something set aside (a key, a provider). Not API: the client and routing use it,
 * applications must not; it may change in any release.
 */
@NullMarked
package io.github.chatstarter.client.internal;

import org.jspecify.annotations.NullMarked;

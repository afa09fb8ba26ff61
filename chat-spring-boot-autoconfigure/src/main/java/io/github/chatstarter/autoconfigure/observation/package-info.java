/**
 * Micrometer observations and metrics of chat calls.
 */
@NullMarked
package io.github.chatstarter.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;

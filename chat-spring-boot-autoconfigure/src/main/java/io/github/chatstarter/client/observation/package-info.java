/**
 * Micrometer observations of chat calls, named and tagged after OpenTelemetry's GenAI
 * semantic conventions.
 */
@NullMarked
package io.github.chatstarter.client.observation;

import org.jspecify.annotations.NullMarked;

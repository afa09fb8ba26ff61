/**
 * Health of the chat providers under {@code /actuator/health/chat}.
 */
@NullMarked
package io.github.chatstarter.autoconfigure.health;

import org.jspecify.annotations.NullMarked;

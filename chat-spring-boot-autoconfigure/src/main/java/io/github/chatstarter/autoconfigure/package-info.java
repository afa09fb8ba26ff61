/**
 * Auto-configuration: binds {@code chat.*}, validates it at startup and registers the
 * templates.
 */
@NullMarked
package io.github.chatstarter.autoconfigure;

import org.jspecify.annotations.NullMarked;

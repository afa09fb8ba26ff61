/**
 * The primary template: sends each request to a provider that serves its model.
 */
@NullMarked
package io.github.chatstarter.routing;

import org.jspecify.annotations.NullMarked;

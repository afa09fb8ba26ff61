/**
 * The sample's HTTP API: chat, streamed chat and the provider list, with errors as
 * readable JSON.
 */
@NullMarked
package io.github.chatstarter.sample.web;

import org.jspecify.annotations.NullMarked;

/**
 * Chat answers for web clients: {@link io.github.chatstarter.web.ChatServerSentEvents}
 * turns a stream of chunks into server-sent events a browser can show as they come.
 */
@NullMarked
package io.github.chatstarter.web;

import org.jspecify.annotations.NullMarked;

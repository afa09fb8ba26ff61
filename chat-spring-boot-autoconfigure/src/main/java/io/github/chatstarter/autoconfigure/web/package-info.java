/**
 * Answers of web applications when a chat call fails.
 */
@NullMarked
package io.github.chatstarter.autoconfigure.web;

import org.jspecify.annotations.NullMarked;

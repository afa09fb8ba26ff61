/**
 * The API applications inject: {@link io.github.chatstarter.ChatTemplate} and
 * {@link io.github.chatstarter.ChatTemplates}.
 */
@NullMarked
package io.github.chatstarter;

import org.jspecify.annotations.NullMarked;

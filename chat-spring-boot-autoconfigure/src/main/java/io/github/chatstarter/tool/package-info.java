/**
 * A tool-calling loop over any {@link io.github.chatstarter.ChatTemplate}: register
 * handlers by tool name, and {@link io.github.chatstarter.tool.ToolCalling} runs the
 * tools the model asks for and sends their results back until the model answers.
 */
@NullMarked
package io.github.chatstarter.tool;

import org.jspecify.annotations.NullMarked;

/**
 * Conversations: {@link io.github.chatstarter.memory.ChatMemory} and its stores (in
 * memory, Redis), and {@link io.github.chatstarter.memory.ConversationMemory}, which puts
 * a conversation's history before a prompt's new messages, trimmed to the model's context
 * window, and stores the answer once the call completed.
 */
@NullMarked
package io.github.chatstarter.memory;

import org.jspecify.annotations.NullMarked;

package io.github.chatstarter.prompt;

import java.util.Objects;

import io.github.chatstarter.model.ChatResponse;

/**
 * A typed answer and the reply it was read from.
 *
 * @param <T> the type of the answer
 * @param entity the answer
 * @param response the last reply, with the usage of every round added up
 */
public record ChatEntity<T>(T entity, ChatResponse response) {

	/**
	 * Checks that both parts are there.
	 */
	public ChatEntity {
		Objects.requireNonNull(entity, "entity");
		Objects.requireNonNull(response, "response");
	}

}

package io.github.chatstarter.client.internal;

import java.util.List;

import io.github.chatstarter.error.InvalidChatRequestException;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import org.jspecify.annotations.Nullable;

/**
 * Checks a request before anything is sent, so a mistake in the application fails at once
 * with a clear message instead of as an upstream 400 after a network round trip.
 */
public final class RequestValidation {

	private RequestValidation() {
	}

	/**
	 * Fails with an {@link InvalidChatRequestException} naming the problem.
	 * @param request the request
	 * @param provider the provider it goes to, or {@code null} when not chosen yet
	 * @param defaultModel the model used when the request names none
	 */
	public static void validate(@Nullable ChatRequest request, @Nullable String provider,
			@Nullable String defaultModel) {
		if (request == null) {
			throw invalid(provider, "The chat request is null");
		}
		List<ChatMessage> messages = request.messages();
		if (messages.isEmpty()) {
			throw invalid(provider, "The chat request has no messages");
		}
		for (int i = 0; i < messages.size(); i++) {
			ChatMessage message = messages.get(i);
			if (message == null) {
				throw invalid(provider, "Message " + i + " of the chat request is null");
			}
			if (message.role() == null || message.role().isBlank()) {
				throw invalid(provider, "Message " + i + " of the chat request has no role");
			}
		}
		if (isBlank(request.model()) && isBlank(defaultModel)) {
			throw invalid(provider, "The chat request names no model and " + ((provider != null)
					? "provider '" + provider + "' has no default-model (chat.providers." + provider + ".default-model)"
					: "no default model is configured"));
		}
	}

	private static boolean isBlank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	private static InvalidChatRequestException invalid(@Nullable String provider, String message) {
		return new InvalidChatRequestException(message, provider);
	}

}

package io.github.chatstarter.client;

import java.time.Duration;

import io.github.chatstarter.client.observation.ChatObservationContext;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.error.internal.SecretRedactor;
import io.github.chatstarter.model.Usage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The log of chat calls, category
 * {@code io.github.chatstarter.client.ProviderChatTemplate}: one DEBUG line per call, and
 * bodies at TRACE (see {@link BodyLoggingFilter}). Keys are masked.
 */
final class ChatCallLog {

	static final Log logger = LogFactory.getLog(ProviderChatTemplate.class);

	private ChatCallLog() {
	}

	static boolean isEnabled() {
		return logger.isDebugEnabled();
	}

	/**
	 * Logs the call's one line: provider, model, outcome, latency, first chunk and
	 * tokens.
	 */
	static void log(ProviderSettings settings, ChatObservationContext call, @Nullable Throwable error) {
		if (!logger.isDebugEnabled()) {
			return;
		}
		StringBuilder line = new StringBuilder();
		line.append(call.isStreaming() ? "Stream" : "Chat")
			.append(" provider=")
			.append(call.getProvider())
			.append(" model=")
			.append(call.getRequest().model());
		if (call.getResponseModel() != null && !call.getResponseModel().equals(call.getRequest().model())) {
			line.append(" response-model=").append(call.getResponseModel());
		}
		line.append(" status=").append(status(call, error)).append(" latency=").append(millis(call.getElapsed()));
		if (call.getTimeToFirstChunk() != null) {
			line.append(" first-chunk=").append(millis(call.getTimeToFirstChunk()));
		}
		Usage usage = call.getUsage();
		if (usage != null) {
			line.append(" tokens=")
				.append(usage.promptTokens())
				.append("+")
				.append(usage.completionTokens())
				.append("=")
				.append(usage.totalTokens());
		}
		if (!call.getFinishReasons().isEmpty()) {
			line.append(" finish=").append(String.join(",", call.getFinishReasons()));
		}
		if (error != null) {
			line.append(" error=").append(error.getClass().getSimpleName()).append(": ").append(error.getMessage());
		}
		logger.debug(SecretRedactor.redact(line.toString(), settings.apiKeys()));
	}

	private static String status(ChatObservationContext call, @Nullable Throwable error) {
		if (error instanceof ChatException chat && chat.getUpstreamStatusCode() != 0) {
			return String.valueOf(chat.getUpstreamStatusCode());
		}
		if (error != null) {
			return "failed";
		}
		return call.isCancelled() ? "cancelled" : "ok";
	}

	private static String millis(Duration duration) {
		return duration.toMillis() + "ms";
	}

}

package io.github.chatstarter.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every provider that serves the request's model failed or was skipped, not all in the
 * same way (when they all failed alike, routing raises that failure's own type instead);
 * {@link #getFailures()} gives each provider's typed failure, in the order they were
 * tried.
 */
public class ChatAllProvidersFailedException extends ChatException {

	private final Map<String, ChatException> failures;

	public ChatAllProvidersFailedException(String model, Map<String, ChatException> failures) {
		super(describe(model, failures), UpstreamError.of(null), null);
		this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
		failures.values().forEach(this::addSuppressed);
	}

	/**
	 * What each provider answered (or why it was skipped), by provider name, in the order
	 * tried.
	 */
	public Map<String, ChatException> getFailures() {
		return this.failures;
	}

	/**
	 * Whether any provider's failure may pass if tried again later.
	 */
	@Override
	public boolean isRetryable() {
		return this.failures.values().stream().anyMatch(ChatException::isRetryable);
	}

	private static String describe(String model, Map<String, ChatException> failures) {
		StringBuilder text = new StringBuilder("All ").append(failures.size())
			.append(" providers of model '")
			.append(model)
			.append("' failed, in different ways (each typed in getFailures()):");
		failures.forEach((provider, failure) -> text.append(" [")
			.append(provider)
			.append(": ")
			.append(failure.getClass().getSimpleName())
			.append("] ")
			.append(failure.getMessage())
			.append(';'));
		text.setLength(text.length() - 1);
		return text.toString();
	}

}

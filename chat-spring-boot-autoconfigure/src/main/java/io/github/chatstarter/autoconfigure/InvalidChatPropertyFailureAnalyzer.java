package io.github.chatstarter.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidChatPropertyException} at startup, naming the property.
 */
class InvalidChatPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidChatPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidChatPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(), "Update your application's configuration: " + cause.getAction(),
				cause);
	}

}

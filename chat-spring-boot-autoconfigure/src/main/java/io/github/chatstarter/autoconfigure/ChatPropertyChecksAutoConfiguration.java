package io.github.chatstarter.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * Checks the {@code chat.*} properties at startup, whether or not they configure any
 * provider: a misspelt {@code chat.provider} configures none, and must fail all the same.
 */
@AutoConfiguration(before = ChatAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "chat.enabled", matchIfMissing = true)
public final class ChatPropertyChecksAutoConfiguration {

	/**
	 * Static: a bean factory post-processor, run before any bean is made.
	 * @return the checks
	 */
	@Bean
	static ChatPropertyChecks chatPropertyChecks() {
		return new ChatPropertyChecks();
	}

}

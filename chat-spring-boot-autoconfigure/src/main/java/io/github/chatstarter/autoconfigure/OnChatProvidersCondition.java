package io.github.chatstarter.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one provider is configured under {@code chat.providers}; a map of
 * properties cannot be tested with {@code @ConditionalOnProperty}.
 */
class OnChatProvidersCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Chat providers");
		Map<String, Object> providers = Binder.get(context.getEnvironment())
			.bind("chat.providers", Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of());
		if (providers.isEmpty()) {
			return ConditionOutcome.noMatch(message.because("no chat.providers.<name>.* properties are set"));
		}
		return ConditionOutcome.match(message.found("provider", "providers").items(providers.keySet()));
	}

}

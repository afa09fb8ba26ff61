package io.github.chatstarter.sample.web;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.ChatTemplates;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.routing.RoutingChatTemplate;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lists the configured providers with their models and health, for the page's pickers.
 */
@RestController
class ProvidersController {

	private final ChatTemplate chatTemplate;

	/**
	 * Longest wait for one provider's health; its probe result is cached by the starter.
	 */
	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

	private final ChatTemplates chatTemplates;

	private final @Nullable CompositeReactiveHealthContributor health;

	ProvidersController(ChatTemplate chatTemplate, ChatTemplates chatTemplates,
			@Qualifier("chatHealthContributor") ObjectProvider<CompositeReactiveHealthContributor> health) {
		this.chatTemplate = chatTemplate;
		this.chatTemplates = chatTemplates;
		this.health = health.getIfAvailable();
	}

	@GetMapping("/api/providers")
	Mono<List<ProviderView>> providers() {
		String defaultProvider = (this.chatTemplate instanceof RoutingChatTemplate routing)
				? routing.defaultProvider().name() : null;
		return Flux.fromIterable(this.chatTemplates.names())
			.concatMap((name) -> health(name).map(view(name, defaultProvider)::withHealth))
			.collectList();
	}

	/**
	 * The provider's status from the starter's health indicator
	 * ({@code /actuator/health/chat/<name>}).
	 */
	private Mono<String> health(String name) {
		if (this.health == null || !(this.health.getContributor(name) instanceof ReactiveHealthIndicator indicator)) {
			return Mono.just(ProviderView.UNKNOWN);
		}
		return indicator.health(false)
			.map((result) -> result.getStatus().getCode())
			.timeout(HEALTH_TIMEOUT, Mono.just(ProviderView.UNKNOWN));
	}

	// Templates the starter built know their settings; an application's own ChatTemplates
	// may not.
	private ProviderView view(String name, @Nullable String defaultProvider) {
		boolean isDefault = name.equals(defaultProvider);
		if (this.chatTemplates.get(name) instanceof ProviderChatTemplate provider) {
			ProviderSettings settings = provider.settings();
			return ProviderView.of(name, settings.defaultModel(), settings.models(), isDefault);
		}
		return ProviderView.of(name, null, Set.of(), isDefault);
	}

}

package io.github.chatstarter.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.RequestValidation;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends each request to a provider that lists the request's model under {@code models}: the default
 * provider first when it does, then the others in configuration order. A request whose model no
 * provider lists, or that names no model, goes to the default provider (with its default model).
 */
public final class RoutingChatTemplate implements ChatTemplate {

	private final ProviderChatTemplates providers;

	private final ProviderChatTemplate defaultProvider;

	/**
	 * @param providers the configured providers
	 * @param defaultProvider name of the default provider, or {@code null} for the first one
	 */
	public RoutingChatTemplate(ProviderChatTemplates providers, @Nullable String defaultProvider) {
		this.providers = Objects.requireNonNull(providers, "providers");
		if (providers.names().isEmpty()) {
			throw new IllegalArgumentException("Routing needs at least one provider");
		}
		this.defaultProvider = (defaultProvider != null) ? providers.provider(defaultProvider)
				: providers.providers().get(0);
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return Mono.defer(() -> route(request).get(0).chat(request));
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return Flux.defer(() -> route(request).get(0).stream(request));
	}

	/**
	 * The providers that may serve the request, in the order they are tried.
	 */
	public List<ProviderChatTemplate> route(ChatRequest request) {
		RequestValidation.validate(request, null, this.defaultProvider.settings().defaultModel());
		String model = request.model();
		if (model == null || model.isBlank()) {
			return List.of(this.defaultProvider);
		}
		List<ProviderChatTemplate> candidates = new ArrayList<>();
		if (this.defaultProvider.settings().models().contains(model)) {
			candidates.add(this.defaultProvider);
		}
		for (ProviderChatTemplate provider : this.providers.providers()) {
			if (provider != this.defaultProvider && provider.settings().models().contains(model)) {
				candidates.add(provider);
			}
		}
		return candidates.isEmpty() ? List.of(this.defaultProvider) : candidates;
	}

	/**
	 * The provider that gets requests whose model no provider lists.
	 */
	public ProviderChatTemplate defaultProvider() {
		return this.defaultProvider;
	}

	@Override
	public String toString() {
		return "RoutingChatTemplate{providers=" + this.providers.names() + ", default=" + this.defaultProvider.name()
				+ "}";
	}

}

package io.github.chatstarter.memory;

import io.github.chatstarter.model.ChatRequest;
import org.jspecify.annotations.Nullable;

/**
 * Which provider and model will serve a request, for the limits its history is trimmed
 * to. The auto-configuration asks the routing (the request's model, else the default
 * provider's default model); without it the request's own model is taken.
 */
@FunctionalInterface
public interface ModelResolver {

	/**
	 * The provider and model that will serve the request.
	 * @param request the request
	 * @return the target
	 */
	Target resolve(ChatRequest request);

	/**
	 * The request's own model, at no particular provider.
	 * @return the resolver
	 */
	static ModelResolver requestModel() {
		return (request) -> new Target(null, request.model());
	}

	/**
	 * A provider and a model.
	 *
	 * @param provider the provider's name, or {@code null} when not known
	 * @param model the model, or {@code null} when not known
	 */
	record Target(@Nullable String provider, @Nullable String model) {
	}

}

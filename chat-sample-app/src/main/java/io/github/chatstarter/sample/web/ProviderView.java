package io.github.chatstarter.sample.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One provider as {@code GET /api/providers} lists it.
 *
 * @param name its name under {@code chat.providers}
 * @param defaultModel the model it uses when a request names none, or {@code null}
 * @param models the models it serves: the default first, then the others alphabetically
 * @param isDefault whether requests that no provider's models match go to it
 * @param health the provider's health status ({@code UP}, {@code DOWN},
 * {@code OUT_OF_SERVICE}), or {@code UNKNOWN} when it has no health indicator
 */
public record ProviderView(String name, @Nullable String defaultModel, List<String> models, boolean isDefault,
		String health) {

	/** Health of a provider without a health indicator. */
	static final String UNKNOWN = "UNKNOWN";

	/**
	 * This view with the given health status.
	 */
	ProviderView withHealth(String health) {
		return new ProviderView(this.name, this.defaultModel, this.models, this.isDefault, health);
	}

	static ProviderView of(String name, @Nullable String defaultModel, Collection<String> models, boolean isDefault) {
		List<String> ordered = new ArrayList<>();
		if (defaultModel != null) {
			ordered.add(defaultModel);
		}
		models.stream().filter((model) -> !model.equals(defaultModel)).sorted().forEach(ordered::add);
		return new ProviderView(name, defaultModel, List.copyOf(ordered), isDefault, UNKNOWN);
	}

}

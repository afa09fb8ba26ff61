package io.github.chatstarter.sample.web;

import java.util.List;
import java.util.Set;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.ChatTemplates;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.routing.RoutingChatTemplate;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the configured providers with their models, for the page's pickers.
 */
@RestController
class ProvidersController {

	private final ChatTemplate chatTemplate;

	private final ChatTemplates chatTemplates;

	ProvidersController(ChatTemplate chatTemplate, ChatTemplates chatTemplates) {
		this.chatTemplate = chatTemplate;
		this.chatTemplates = chatTemplates;
	}

	@GetMapping("/api/providers")
	List<ProviderView> providers() {
		String defaultProvider = (this.chatTemplate instanceof RoutingChatTemplate routing)
				? routing.defaultProvider().name() : null;
		return this.chatTemplates.names().stream().map((name) -> view(name, defaultProvider)).toList();
	}

	// Templates the starter built know their settings; an application's own ChatTemplates may not.
	private ProviderView view(String name, @Nullable String defaultProvider) {
		boolean isDefault = name.equals(defaultProvider);
		if (this.chatTemplates.get(name) instanceof ProviderChatTemplate provider) {
			ProviderSettings settings = provider.settings();
			return ProviderView.of(name, settings.defaultModel(), settings.models(), isDefault);
		}
		return ProviderView.of(name, null, Set.of(), isDefault);
	}

}

package io.github.chatstarter.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.ChatTemplates;

/**
 * The configured providers' templates by name, in configuration order. Closing it closes
 * every provider's connection pool.
 */
public final class ProviderChatTemplates implements ChatTemplates, AutoCloseable {

	private final Map<String, ProviderChatTemplate> templates;

	public ProviderChatTemplates(List<? extends ProviderChatTemplate> templates) {
		Map<String, ProviderChatTemplate> byName = new LinkedHashMap<>();
		for (ProviderChatTemplate template : templates) {
			if (byName.putIfAbsent(template.name(), template) != null) {
				throw new IllegalArgumentException("Two providers are named '" + template.name() + "'");
			}
		}
		this.templates = Collections.unmodifiableMap(byName);
	}

	@Override
	public ChatTemplate get(String name) {
		return provider(name);
	}

	/**
	 * The named provider's template, with its settings.
	 * @throws IllegalArgumentException if no provider has that name
	 */
	public ProviderChatTemplate provider(String name) {
		ProviderChatTemplate template = this.templates.get(name);
		if (template == null) {
			throw new IllegalArgumentException(
					"No chat provider is named '" + name + "'; configured providers: " + this.templates.keySet());
		}
		return template;
	}

	@Override
	public Set<String> names() {
		return this.templates.keySet();
	}

	/**
	 * All providers' templates, in configuration order.
	 */
	public List<ProviderChatTemplate> providers() {
		return List.copyOf(this.templates.values());
	}

	@Override
	public void close() {
		this.templates.values().forEach(ProviderChatTemplate::close);
	}

	@Override
	public String toString() {
		return "ProviderChatTemplates" + this.templates.keySet();
	}

}

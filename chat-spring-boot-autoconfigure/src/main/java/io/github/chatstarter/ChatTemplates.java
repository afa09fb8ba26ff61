package io.github.chatstarter;

import java.util.Set;

/**
 * The configured providers' own templates, by the name they have under
 * {@code chat.providers}. A provider's template never fails over to another provider.
 */
public interface ChatTemplates {

	/**
	 * The template of the named provider.
	 * @throws IllegalArgumentException if no provider has that name (the message lists
	 * those that do)
	 */
	ChatTemplate get(String name);

	/**
	 * Names of the configured providers, in configuration order.
	 */
	Set<String> names();

}

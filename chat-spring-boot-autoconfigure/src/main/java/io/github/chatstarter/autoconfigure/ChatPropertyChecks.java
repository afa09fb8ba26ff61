package io.github.chatstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Checks every {@code chat.*} property before any bean is made, so that the first error a
 * user sees names the mistake itself rather than what it led to:
 * <ul>
 * <li>a value that still holds an unresolved {@code ${...}} placeholder (an unset
 * environment variable would otherwise be sent as the API key);</li>
 * <li>a key that {@link ChatProperties} does not have ({@code modles}, {@code extra-bdy},
 * {@code chat.provider}), with the key probably meant.</li>
 * </ul>
 * The known keys are those {@code ChatProperties} binds, so a new property needs no list
 * here. Environment variables and system properties are left out of the unknown-key
 * check, as Boot leaves them out of its own ({@code ignoreUnknownFields = false}): they
 * hold all kinds of unrelated names.
 */
final class ChatPropertyChecks implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

	private static final ConfigurationPropertyName CHAT = ConfigurationPropertyName.of("chat");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::[^}]*)?}");

	/**
	 * {@code model-limits.gpt-3.5-turbo.context-window}: Boot splits the model's name at
	 * its dots unless it is in brackets.
	 */
	private static final Pattern DOTTED_MODEL = Pattern.compile(
			"(chat\\.providers\\.[^.]+)\\.model-limits\\.([^\\[\\]]+\\.[^\\[\\]]+)\\.(context-window|max-output-tokens)");

	private @Nullable ConfigurableEnvironment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = (environment instanceof ConfigurableEnvironment configurable) ? configurable : null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (this.environment != null) {
			check(this.environment);
		}
	}

	/**
	 * Fails with an {@link InvalidChatPropertyException} on the first unresolved
	 * placeholder or unknown key under {@code chat}.
	 */
	static void check(ConfigurableEnvironment environment) {
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
		PropertySourcesPlaceholdersResolver placeholders = new PropertySourcesPlaceholdersResolver(environment);
		for (ConfigurationPropertySource source : sources) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				for (ConfigurationPropertyName name : iterable.filter(CHAT::isAncestorOf)) {
					ConfigurationProperty property = iterable.getConfigurationProperty(name);
					if (property != null && property.getValue() instanceof String raw) {
						checkResolved(name, placeholders.resolvePlaceholders(raw));
					}
				}
			}
		}
		checkKnown(sources, placeholders);
	}

	private static void checkResolved(ConfigurationPropertyName name, @Nullable Object resolved) {
		if (!(resolved instanceof String value) || !value.contains("${")) {
			return;
		}
		Matcher placeholder = PLACEHOLDER.matcher(value);
		String variable = placeholder.find() ? placeholder.group(1) : "?";
		// Only the placeholder's name is shown, never the value around it.
		throw new InvalidChatPropertyException(name.toString(),
				"the placeholder ${" + variable + "} is not resolved (is the environment variable " + variable
						+ " set?)",
				"Set the environment variable " + variable + " (or a property of that name), or give the placeholder"
						+ " a default, for example ${" + variable + ":}.");
	}

	private static void checkKnown(Iterable<ConfigurationPropertySource> sources,
			PropertySourcesPlaceholdersResolver placeholders) {
		Binder binder = new Binder(sources, placeholders);
		try {
			binder.bind(CHAT, Bindable.of(ChatProperties.class),
					new NoUnboundElementsBindHandler(BindHandler.DEFAULT, new UnboundElementsSourceFilter()));
		}
		catch (BindException ex) {
			if (!(ex.getCause() instanceof UnboundConfigurationPropertiesException unbound)) {
				// A value that does not convert: Boot's own binding of ChatProperties
				// reports
				// it, naming the property and the valid values.
				return;
			}
			List<String> unknown = new ArrayList<>();
			unbound.getUnboundProperties().forEach((property) -> unknown.add(property.getName().toString()));
			unknown.sort(null);
			String first = unknown.get(0);
			Matcher dotted = DOTTED_MODEL.matcher(first);
			if (dotted.matches()) {
				String model = "\"[" + dotted.group(2) + "]\"";
				throw new InvalidChatPropertyException(first,
						"is not a chat property: a model name with dots is one map key only in brackets, " + model,
						"Write " + dotted.group(1) + ".model-limits[" + dotted.group(2) + "]." + dotted.group(3)
								+ " (in YAML, the key " + model + ":).");
			}
			String meant = ChatPropertyNames.closest(first);
			String problem = "is not a chat property" + ((meant != null) ? "; did you mean " + meant + "?" : "")
					+ ((unknown.size() > 1)
							? " (unknown too: " + String.join(", ", unknown.subList(1, unknown.size())) + ")" : "");
			throw new InvalidChatPropertyException(first, problem,
					((meant != null) ? "Rename it to " + meant : "Remove it or correct its name")
							+ ". The chat properties are listed in the README's Configuration section and shown by"
							+ " your IDE.");
		}
	}

}

package io.github.chatstarter.autoconfigure;

import java.util.Map;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.ChatTemplates;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link ChatTemplate} bean per enabled provider, named
 * {@code <name>ChatTemplate}, so an application can inject a provider's own template by
 * name. The beans are views of {@link ChatTemplates}; a bean the application defines
 * under the same name wins.
 */
class ProviderTemplateBeansRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	@SuppressWarnings("NullAway.Init") // set by Spring before registerBeanDefinitions
	private Environment environment;

	@SuppressWarnings("NullAway.Init")
	private BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, ChatProperties.Provider> providers = Binder.get(this.environment)
			.bind("chat.providers", Bindable.mapOf(String.class, ChatProperties.Provider.class))
			.orElse(Map.of());
		providers.forEach((name, provider) -> {
			String beanName = name + "ChatTemplate";
			if (provider.isEnabled() && !registry.containsBeanDefinition(beanName)) {
				RootBeanDefinition definition = new RootBeanDefinition(ChatTemplate.class,
						() -> this.beanFactory.getBean(ChatTemplates.class).get(name));
				definition.setDescription("Chat template of provider '" + name + "'");
				// Lazy: a user-defined ChatTemplates may not know every configured name.
				definition.setLazyInit(true);
				registry.registerBeanDefinition(beanName, definition);
			}
		});
	}

}

package io.github.chatstarter.autoconfigure.web;

import io.github.chatstarter.autoconfigure.ChatAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.ControllerAdvice;

import static org.assertj.core.api.Assertions.assertThat;

class ChatProblemDetailsAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(WebClientAutoConfiguration.class,
			ChatAutoConfiguration.class, ChatProblemDetailsAutoConfiguration.class);

	private static final String[] PROVIDER = { "chat.providers.xingyun.base-url=http://127.0.0.1:1/v1",
			"chat.providers.xingyun.api-key=web-key-0123456789" };

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void reactiveWebApplicationShouldGetTheHandler() {
		this.runner.withPropertyValues(PROVIDER)
			.run((context) -> assertThat(context).hasSingleBean(ChatExceptionHandler.class)
				.hasSingleBean(ReactiveChatExceptionHandler.class));
	}

	@Test
	void servletWebApplicationShouldGetTheHandler() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(PROVIDER)
			.run((context) -> assertThat(context).hasSingleBean(ChatExceptionHandler.class)
				.hasSingleBean(ServletChatExceptionHandler.class));
	}

	@Test
	void nonWebApplicationShouldNotGetTheHandler() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(PROVIDER)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ChatExceptionHandler.class));
	}

	@Test
	void withoutProvidersShouldNotGetTheHandler() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ChatExceptionHandler.class));
	}

	@Test
	void propertyShouldSwitchItOff() {
		this.runner.withPropertyValues(PROVIDER)
			.withPropertyValues("chat.problem-details.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChatExceptionHandler.class));
	}

	@Test
	void withoutSpringWebAnnotationsShouldNotGetTheHandler() {
		this.runner.withPropertyValues(PROVIDER)
			.withClassLoader(new FilteredClassLoader(ControllerAdvice.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ChatExceptionHandler.class));
	}

	@Test
	void userHandlerShouldWin() {
		this.runner.withPropertyValues(PROVIDER)
			.withUserConfiguration(UserHandlerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(ChatExceptionHandler.class).hasBean("myHandler"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHandlerConfiguration {

		@Bean
		ChatExceptionHandler myHandler() {
			return new ReactiveChatExceptionHandler();
		}

	}

}

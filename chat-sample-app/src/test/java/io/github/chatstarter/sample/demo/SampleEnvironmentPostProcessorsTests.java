package io.github.chatstarter.sample.demo;

import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The sample decides at startup which providers it uses, and runs the demo upstream when
 * none is left.
 */
class SampleEnvironmentPostProcessorsTests {

	private final MockEnvironment environment = new MockEnvironment();

	private final SpringApplication application = new SpringApplication();

	private final GenericApplicationContext context = new GenericApplicationContext();

	@AfterEach
	void stopDemo() {
		publish(failed());
	}

	@Test
	void providerWithBlankKeyShouldBeLeftOut() {
		this.environment.setProperty("chat.providers.xingyun.base-url", "https://aiapi.xing-yun.cn/v1");
		this.environment.setProperty("chat.providers.xingyun.api-key", " ");
		this.environment.setProperty("chat.providers.aigs.base-url", "https://chatapi.ai-gs.cn/v1");

		postProcess();

		assertThat(this.environment.getProperty("chat.providers.xingyun.enabled")).isEqualTo("false");
		assertThat(this.environment.getProperty("chat.providers.aigs.enabled")).isEqualTo("false");
	}

	@Test
	void providerWithKeyShouldStayAndTheDemoShouldNotStart() {
		this.environment.setProperty("chat.providers.aigc2d.base-url", "https://api.aigc2d.com/v1");
		this.environment.setProperty("chat.providers.aigc2d.api-key", "sk-configured");

		postProcess();

		assertThat(this.environment.getProperty("chat.providers.aigc2d.enabled")).isNull();
		assertThat(this.environment.getProperty("chat.providers.demo.base-url")).isNull();
		assertThat(this.application.getListeners()).noneMatch(DemoUpstreamStopper.class::isInstance);
	}

	@Test
	void providerWithExplicitEnabledShouldBeLeftAlone() {
		this.environment.setProperty("chat.providers.local.base-url", "http://127.0.0.1:1/v1");
		this.environment.setProperty("chat.providers.local.enabled", "true");

		postProcess();

		assertThat(this.environment.getProperty("chat.providers.local.enabled")).isEqualTo("true");
		assertThat(this.environment.getProperty("chat.providers.demo.base-url")).isNull();
	}

	@Test
	void noProviderWithKeyShouldStartTheDemoAndConfigureIt() {
		this.environment.setProperty("chat.providers.xingyun.api-key", "");

		postProcess();

		String baseUrl = this.environment.getProperty("chat.providers.demo.base-url");
		assertThat(baseUrl).matches("http://127\\.0\\.0\\.1:\\d+/v1");
		assertThat(this.environment.getProperty("chat.default-provider")).isEqualTo("demo");
		assertThat(this.environment.getProperty("chat.providers.demo.api-key")).isEqualTo(DemoUpstream.API_KEY);
		assertThat(this.environment.getProperty("chat.providers.demo.default-model")).isEqualTo("demo-chat");
		assertThat(this.environment.getProperty("chat.providers.demo.models", String[].class))
			.containsExactly("demo-chat", "demo-chat-large");
		assertThat(this.environment.getProperty("chat.failover.cooldown")).isEqualTo("1ms");
		assertThat(models(baseUrl)).contains("demo-chat");
	}

	@Test
	void demoShouldStopWhenItsContextClosesButNotWhenAnotherDoes() {
		postProcess();
		String baseUrl = this.environment.getProperty("chat.providers.demo.base-url");
		publish(new ApplicationPreparedEvent(this.application, new String[0], this.context));

		GenericApplicationContext child = new GenericApplicationContext();
		child.setParent(this.context);
		publish(new ContextClosedEvent(child));
		assertThat(models(baseUrl)).contains("demo-chat");

		publish(new ContextClosedEvent(this.context));
		assertThatException().isThrownBy(() -> models(baseUrl)).withRootCauseInstanceOf(ConnectException.class);
	}

	@Test
	void demoShouldStopWhenTheApplicationFailsToStart() {
		postProcess();
		String baseUrl = this.environment.getProperty("chat.providers.demo.base-url");

		publish(failed());

		assertThatException().isThrownBy(() -> models(baseUrl)).withRootCauseInstanceOf(ConnectException.class);
	}

	@Test
	void demoChunkDelayShouldComeFromTheEnvironment() {
		this.environment.setProperty("sample.demo.chunk-delay", "-1ms");

		assertThatException().isThrownBy(this::postProcess).withMessageContaining("chunkDelay must not be negative");
	}

	private void postProcess() {
		DeferredLogs logs = new DeferredLogs();
		new KeylessProvidersEnvironmentPostProcessor(logs).postProcessEnvironment(this.environment, this.application);
		new DemoUpstreamEnvironmentPostProcessor(logs).postProcessEnvironment(this.environment, this.application);
	}

	private ApplicationFailedEvent failed() {
		return new ApplicationFailedEvent(this.application, new String[0], this.context,
				new IllegalStateException("startup failed"));
	}

	private void publish(ApplicationEvent event) {
		this.application.getListeners()
			.stream()
			.filter(DemoUpstreamStopper.class::isInstance)
			.forEach((listener) -> ((DemoUpstreamStopper) listener).onApplicationEvent(event));
	}

	private static String models(String baseUrl) {
		return WebClient.create(baseUrl)
			.get()
			.uri("/models")
			.header("Authorization", "Bearer " + DemoUpstream.API_KEY)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(5));
	}

}

package io.github.chatstarter.autoconfigure.observation;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.autoconfigure.ChatAutoConfiguration;
import io.github.chatstarter.autoconfigure.ProviderChatTemplateCustomizer;
import io.github.chatstarter.client.Fixtures;
import io.github.chatstarter.client.observation.ChatMetricsObservationHandler;
import io.github.chatstarter.client.observation.DefaultChatObservationConvention;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.test.LocalUpstream;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

class ChatObservationAutoConfigurationTests {

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(WebClientAutoConfiguration.class, ChatAutoConfiguration.class, ChatObservationAutoConfiguration.class));

	@Test
	void withoutObservationRegistryShouldNotObserve() {
		this.runner.withPropertyValues(provider()).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean("chatObservationTemplateCustomizer");
			assertThat(context).doesNotHaveBean(ChatMetricsObservationHandler.class);
		});
	}

	@Test
	void withoutProvidersShouldNotConfigure() {
		this.runner.withUserConfiguration(TestRegistryConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ProviderChatTemplateCustomizer.class));
	}

	@Test
	void withObservationRegistryEveryCallShouldBeObserved() {
		stubReply();
		this.runner.withPropertyValues(provider())
			.withUserConfiguration(TestRegistryConfiguration.class)
			.run((context) -> {
				context.getBean(ChatTemplate.class).chat(ChatRequest.ofUserMessage("hi")).block();
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasSingleObservationThat()
					.hasNameEqualTo(DefaultChatObservationConvention.DEFAULT_NAME)
					.hasLowCardinalityKeyValue("gen_ai.provider.name", "xingyun")
					.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.input.messages");
			});
	}

	@Test
	void includeContentPropertyShouldRecordPrompts() {
		stubReply();
		this.runner.withPropertyValues(provider())
			.withPropertyValues("chat.observations.include-content=true")
			.withUserConfiguration(TestRegistryConfiguration.class)
			.run((context) -> {
				context.getBean(ChatTemplate.class).chat(ChatRequest.ofUserMessage("hi")).block();
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasSingleObservationThat()
					.hasHighCardinalityKeyValueWithKey("gen_ai.input.messages")
					.hasHighCardinalityKeyValueWithKey("gen_ai.output.messages");
			});
	}

	@Test
	void userConventionBeanShouldBeUsed() {
		stubReply();
		this.runner.withPropertyValues(provider())
			.withUserConfiguration(TestRegistryConfiguration.class, ConventionConfiguration.class)
			.run((context) -> {
				context.getBean(ChatTemplate.class).chat(ChatRequest.ofUserMessage("hi")).block();
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasSingleObservationThat()
					.hasNameEqualTo("my.chat");
			});
	}

	@Test
	void withMeterRegistryShouldRegisterTheMetricsHandler() {
		this.runner.withPropertyValues(provider())
			.withUserConfiguration(TestRegistryConfiguration.class, MeterRegistryConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(ChatMetricsObservationHandler.class));
	}

	@Test
	void withoutMicrometerCoreShouldStillObserve() {
		this.runner.withPropertyValues(provider())
			.withUserConfiguration(TestRegistryConfiguration.class)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasBean("chatObservationTemplateCustomizer")
				.doesNotHaveBean(ChatMetricsObservationHandler.class));
	}

	@Test
	void springBootsRegistriesShouldGetDurationAndTokenMetrics() {
		stubReply();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, ChatAutoConfiguration.class,
					ChatObservationAutoConfiguration.class, ObservationAutoConfiguration.class,
					MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class))
			.withPropertyValues(provider())
			.run((context) -> {
				context.getBean(ChatTemplate.class).chat(ChatRequest.ofUserMessage("hi")).block();
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get(DefaultChatObservationConvention.DEFAULT_NAME)
					.tag("gen_ai.provider.name", "xingyun")
					.tag("gen_ai.response.model", "gpt-3.5-turbo-0613")
					.timer()
					.count()).isOne();
				assertThat(meters.get(ChatMetricsObservationHandler.TOKEN_USAGE)
					.tag("gen_ai.token.type", "output")
					.summary()
					.totalAmount()).isEqualTo(21);
			});
	}

	private String[] provider() {
		return new String[] { "chat.providers.xingyun.base-url=" + this.upstream.baseUrl(),
				"chat.providers.xingyun.api-key=observed-key-0123456789",
				"chat.providers.xingyun.default-model=gpt-3.5-turbo" };
	}

	private void stubReply() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.text(Fixtures.SEED_000_REPLY))));
	}

	@Configuration(proxyBeanMethods = false)
	static class TestRegistryConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConventionConfiguration {

		@Bean
		DefaultChatObservationConvention myConvention() {
			return new DefaultChatObservationConvention("my.chat");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}

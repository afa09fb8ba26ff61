package io.github.chatstarter.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.ChatTemplates;
import io.github.chatstarter.client.Fixtures;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProxySettings;
import io.github.chatstarter.error.ChatConnectionException;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.client.ProviderChatTemplates;
import io.github.chatstarter.test.LocalProxy;
import io.github.chatstarter.test.LocalUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customizers, the application's own WebClient setup, per-provider proxies and SSL
 * bundles, body logging switches, configured through the auto-configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChatCustomizationTests {

	private static final String KEY = "custom-secret-key-0123456789";

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	@RegisterExtension
	final LocalProxy proxy = new LocalProxy(LocalProxy.Kind.HTTP);

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(WebClientAutoConfiguration.class, SslAutoConfiguration.class, ChatAutoConfiguration.class));

	@Test
	void customizersShouldBeAppliedToEveryProviderInOrder() {
		stubReply(this.upstream);
		this.runner.withPropertyValues(provider("xingyun"))
			.withPropertyValues(provider("aigc2d"))
			.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(CustomizerConfiguration.class).calls).containsExactly("first:xingyun",
						"second:xingyun", "first:aigc2d", "second:aigc2d");
				context.getBean(ChatTemplates.class).get("aigc2d").chat(ChatRequest.ofUserMessage("hi")).block();
			});
		this.upstream.server()
			.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("X-Customized",
					havingExactly("first", "second")));
	}

	@Test
	void applicationsWebClientCustomizerShouldBeHonoured() {
		stubReply(this.upstream);
		this.runner.withPropertyValues(provider("xingyun"))
			.withUserConfiguration(WebClientCustomizerConfiguration.class)
			.run((context) -> context.getBean(ChatTemplate.class).chat(ChatRequest.ofUserMessage("hi")).block());
		this.upstream.server()
			.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH))
				.withHeader("X-App", equalTo("from-web-client-customizer"))
				.withHeader("Authorization", equalTo("Bearer " + KEY)));
	}

	@Test
	void proxyPropertiesShouldSendTheProviderThroughTheProxy(CapturedOutput output) {
		stubReply(this.upstream);
		this.runner.withPropertyValues(provider("xingyun"))
			.withPropertyValues("chat.providers.xingyun.proxy.host=127.0.0.1",
					"chat.providers.xingyun.proxy.port=" + this.proxy.port(),
					"chat.providers.xingyun.proxy.username=alice",
					"chat.providers.xingyun.proxy.password=proxy-pass-42")
			.run((context) -> {
				ProxySettings proxy = provider(context, "xingyun").settings().proxy();
				assertThat(proxy.type()).isEqualTo(ProxySettings.Type.HTTP);
				context.getBean(ChatTemplate.class).chat(ChatRequest.ofUserMessage("hi")).block();
			});
		assertThat(this.proxy.tunnels()).containsExactly(
				new LocalProxy.Tunnel("127.0.0.1:" + this.upstream.server().port(), "alice:proxy-pass-42"));
		assertThat(output).contains("Chat provider 'xingyun'").doesNotContain("proxy-pass-42").doesNotContain(KEY);
	}

	@Test
	void socks5TypeAndNonProxyHostsShouldBind() {
		this.runner.withPropertyValues(provider("xingyun"))
			.withPropertyValues("chat.providers.xingyun.proxy.type=socks5",
					"chat.providers.xingyun.proxy.host=proxy.example", "chat.providers.xingyun.proxy.port=1080",
					"chat.providers.xingyun.proxy.non-proxy-hosts=localhost,*.internal")
			.run((context) -> assertThat(provider(context, "xingyun").settings().proxy()).isEqualTo(new ProxySettings(
					ProxySettings.Type.SOCKS5, "proxy.example", 1080, null, null, List.of("localhost", "*.internal"))));
	}

	@Test
	void proxyWithoutPortShouldFailStartupNamingTheProperty() {
		this.runner.withPropertyValues(provider("xingyun"))
			.withPropertyValues("chat.providers.xingyun.proxy.host=127.0.0.1")
			.run((context) -> assertStartupFailure(context, "chat.providers.xingyun.proxy.port"));
	}

	@Test
	void proxyPortWithoutHostShouldFailStartupNamingTheProperty() {
		this.runner.withPropertyValues(provider("xingyun"))
			.withPropertyValues("chat.providers.xingyun.proxy.port=7890")
			.run((context) -> assertStartupFailure(context, "chat.providers.xingyun.proxy.host"));
	}

	@Test
	void sslBundleShouldLetTheProviderTrustItsCertificate() throws Exception {
		WireMockServer https = httpsUpstream();
		try {
			stubReply(https);
			String baseUrl = "https://127.0.0.1:" + https.httpsPort() + "/v1";
			this.runner
				.withPropertyValues("chat.providers.secure.base-url=" + baseUrl, "chat.providers.secure.api-key=" + KEY,
						"chat.providers.secure.default-model=gpt-3.5-turbo",
						"chat.providers.secure.ssl.bundle=upstream",
						"spring.ssl.bundle.pem.upstream.truststore.certificate=classpath:tls/upstream.crt",
						"chat.providers.plain.base-url=" + baseUrl, "chat.providers.plain.api-key=" + KEY,
						"chat.providers.plain.default-model=gpt-3.5-turbo")
				.run((context) -> {
					ChatTemplates templates = context.getBean(ChatTemplates.class);
					assertThat(templates.get("secure").chat(ChatRequest.ofUserMessage("hi")).block().content())
						.isNotEmpty();
					// The JDK's trust store knows nothing of the test certificate.
					StepVerifier.create(templates.get("plain").chat(ChatRequest.ofUserMessage("hi")))
						.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatConnectionException.class)
							.hasMessageContaining("chat.providers.plain.ssl.bundle"))
						.verify();
				});
			https.verify(1, postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
		}
		finally {
			https.stop();
		}
	}

	@Test
	void unknownSslBundleShouldFailStartupNamingTheProperty() {
		this.runner.withPropertyValues(provider("xingyun"))
			.withPropertyValues("chat.providers.xingyun.ssl.bundle=missing")
			.run((context) -> assertStartupFailure(context, "chat.providers.xingyun.ssl.bundle"));
	}

	@Test
	void bodyLoggingShouldFollowTheGlobalSwitchUnlessTheProviderSetsItsOwn() {
		this.runner.withPropertyValues(provider("xingyun"))
			.withPropertyValues(provider("aigc2d"))
			.withPropertyValues("chat.logging.bodies=true", "chat.providers.aigc2d.log-bodies=false")
			.run((context) -> {
				assertThat(provider(context, "xingyun").settings().logBodies()).isTrue();
				assertThat(provider(context, "aigc2d").settings().logBodies()).isFalse();
			});
		this.runner.withPropertyValues(provider("xingyun"))
			.run((context) -> assertThat(provider(context, "xingyun").settings().logBodies()).isFalse());
	}

	private static ProviderChatTemplate provider(AssertableApplicationContext context, String name) {
		return context.getBean(ProviderChatTemplates.class).provider(name);
	}

	private static void assertStartupFailure(AssertableApplicationContext context, String property) {
		assertThat(context).hasFailed();
		Throwable cause = context.getStartupFailure();
		while (cause != null && !(cause instanceof InvalidChatPropertyException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("InvalidChatPropertyException in %s", context.getStartupFailure()).isNotNull();
		assertThat(((InvalidChatPropertyException) cause).getProperty()).isEqualTo(property);
	}

	private String[] provider(String name) {
		return new String[] { "chat.providers." + name + ".base-url=" + this.upstream.baseUrl(),
				"chat.providers." + name + ".api-key=" + KEY,
				"chat.providers." + name + ".default-model=gpt-3.5-turbo" };
	}

	private static WireMockServer httpsUpstream() throws Exception {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.httpDisabled(true)
			.dynamicHttpsPort()
			.keystorePath(new ClassPathResource("tls/upstream.p12").getFile().getAbsolutePath())
			.keystoreType("PKCS12")
			.keystorePassword("changeit")
			.keyManagerPassword("changeit"));
		server.start();
		return server;
	}

	private static void stubReply(LocalUpstream upstream) {
		stubReply(upstream.server());
	}

	private static void stubReply(WireMockServer server) {
		server
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.text(Fixtures.SEED_000_REPLY))));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		ProviderChatTemplateCustomizer second() {
			return (builder) -> {
				this.calls.add("second:" + builder.settings().name());
				builder.httpClient((client) -> client.headers((headers) -> headers.add("X-Customized", "second")));
			};
		}

		@Bean
		@Order(1)
		ProviderChatTemplateCustomizer first() {
			return (builder) -> {
				this.calls.add("first:" + builder.settings().name());
				builder.httpClient((client) -> client.headers((headers) -> headers.add("X-Customized", "first")));
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WebClientCustomizerConfiguration {

		@Bean
		WebClientCustomizer appHeader() {
			return (builder) -> builder.defaultHeader("X-App", "from-web-client-customizer");
		}

	}

}

package io.github.chatstarter.client;

import java.util.List;

import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.test.LocalProxy;
import io.github.chatstarter.test.LocalUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.reactive.function.client.ClientRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proxies and the builder's customisation hooks, against WireMock and a local proxy.
 */
class ProviderConnectionTests {

	@RegisterExtension
	final LocalUpstream upstream = new LocalUpstream();

	@RegisterExtension
	final LocalProxy httpProxy = new LocalProxy(LocalProxy.Kind.HTTP);

	@RegisterExtension
	final LocalProxy socksProxy = new LocalProxy(LocalProxy.Kind.SOCKS5);

	private ProviderChatTemplate template;

	@Test
	void httpProxyShouldTunnelTheCallWithItsCredentials() {
		stubReply();
		chatThrough(new ProxySettings(ProxySettings.Type.HTTP, "127.0.0.1", this.httpProxy.port(), "alice", "s3cret",
				List.of()));
		assertThat(this.httpProxy.tunnels())
			.containsExactly(new LocalProxy.Tunnel("127.0.0.1:" + this.upstream.server().port(), "alice:s3cret"));
		this.upstream.server().verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void socks5ProxyShouldTunnelTheCallWithItsCredentials() {
		stubReply();
		chatThrough(new ProxySettings(ProxySettings.Type.SOCKS5, "127.0.0.1", this.socksProxy.port(), "bob", "pw",
				List.of()));
		assertThat(this.socksProxy.tunnels())
			.containsExactly(new LocalProxy.Tunnel("127.0.0.1:" + this.upstream.server().port(), "bob:pw"));
		assertThat(this.httpProxy.tunnels()).isEmpty();
	}

	@Test
	void socks5ProxyWithoutCredentialsShouldTunnelAnonymously() {
		stubReply();
		chatThrough(ProxySettings.of(ProxySettings.Type.SOCKS5, "127.0.0.1", this.socksProxy.port()));
		assertThat(this.socksProxy.tunnels()).extracting(LocalProxy.Tunnel::credentials).containsExactly((String) null);
	}

	@Test
	void nonProxyHostShouldBeReachedDirectly() {
		stubReply();
		chatThrough(new ProxySettings(ProxySettings.Type.HTTP, "127.0.0.1", this.httpProxy.port(), null, null,
				List.of("localhost", "127.0.0.*")));
		assertThat(this.httpProxy.tunnels()).isEmpty();
		this.upstream.server().verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)));
	}

	@Test
	void proxySettingsShouldMaskThePassword() {
		ProxySettings proxy = new ProxySettings(ProxySettings.Type.HTTP, "proxy.example", 7890, "alice", "s3cret",
				List.of());
		assertThat(proxy.toString()).doesNotContain("s3cret");
		assertThat(settings().proxy(proxy).build().toString()).doesNotContain("s3cret").contains("proxy.example");
	}

	@Test
	void builderFiltersAndHttpClientCustomizersShouldApply() {
		stubReply();
		List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		ProviderChatTemplate.Builder builder = ProviderChatTemplate.builder(settings().build());
		assertThat(builder.settings().name()).isEqualTo("xingyun");
		this.template = this.upstream.closeAfterTest(builder
			.filter((request, next) -> next.exchange(ClientRequest.from(request).header("X-Filter", "one").build()))
			.httpClient((client) -> client.headers((headers) -> headers.set("X-Netty", "two")))
			.httpClient((client) -> client.doOnRequest((request, connection) -> seen.add(request.uri())))
			.build());
		this.template.chat(ChatRequest.ofUserMessage("hi")).block();
		this.upstream.server()
			.verify(postRequestedFor(urlEqualTo(LocalUpstream.CHAT_PATH)).withHeader("X-Filter", equalTo("one"))
				.withHeader("X-Netty", equalTo("two")));
		assertThat(seen).containsExactly(LocalUpstream.CHAT_PATH);
	}

	private void chatThrough(ProxySettings proxy) {
		this.template = this.upstream.closeAfterTest(ProviderChatTemplate.create(settings().proxy(proxy).build()));
		assertThat(this.template.chat(ChatRequest.ofUserMessage("hi")).block().content()).isNotEmpty();
	}

	private ProviderSettings.Builder settings() {
		return ProviderSettings.builder("xingyun")
			.baseUrl(this.upstream.baseUrl())
			.apiKey("proxy-test-key-000000")
			.defaultModel("gpt-3.5-turbo");
	}

	private void stubReply() {
		this.upstream.server()
			.stubFor(post(LocalUpstream.CHAT_PATH).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.text(Fixtures.SEED_000_REPLY))));
	}

}

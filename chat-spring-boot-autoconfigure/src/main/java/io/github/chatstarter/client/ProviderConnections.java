package io.github.chatstarter.client;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

/**
 * Applies a provider's proxy and SSL bundle to its Reactor Netty client.
 */
final class ProviderConnections {

	private ProviderConnections() {
	}

	static HttpClient configure(HttpClient httpClient, ProviderSettings settings) {
		HttpClient configured = httpClient;
		ProxySettings proxy = settings.proxy();
		if (proxy != null) {
			configured = configured.proxy((spec) -> proxy(spec, proxy));
		}
		SslBundle sslBundle = settings.sslBundle();
		if (sslBundle != null) {
			SslContext sslContext = sslContext(settings.name(), sslBundle);
			configured = configured.secure((spec) -> spec.sslContext(sslContext));
		}
		return configured;
	}

	private static void proxy(ProxyProvider.TypeSpec spec, ProxySettings proxy) {
		ProxyProvider.Builder builder = spec
			.type((proxy.type() == ProxySettings.Type.SOCKS5) ? ProxyProvider.Proxy.SOCKS5 : ProxyProvider.Proxy.HTTP)
			.host(proxy.host())
			.port(proxy.port());
		String username = proxy.username();
		if (username != null) {
			String password = proxy.password();
			builder.username(username).password((user) -> password);
		}
		String nonProxyHosts = proxy.nonProxyHostsPattern();
		if (nonProxyHosts != null) {
			builder.nonProxyHosts(nonProxyHosts);
		}
	}

	/**
	 * The bundle's key and trust material and TLS options as Netty's context. Written
	 * here, as Spring Boot's {@code ReactorHttpClientBuilder} does, so that
	 * spring-boot-http-client stays optional.
	 */
	private static SslContext sslContext(String provider, SslBundle bundle) {
		SslOptions options = bundle.getOptions();
		SslManagerBundle managers = bundle.getManagers();
		try {
			return SslContextBuilder.forClient()
				.keyManager(managers.getKeyManagerFactory())
				.trustManager(managers.getTrustManagerFactory())
				.ciphers(SslOptions.asSet(options.getCiphers()))
				.protocols(options.getEnabledProtocols())
				.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException(
					"Provider '" + provider + "': its SSL bundle cannot be used: " + ex.getMessage(), ex);
		}
	}

}

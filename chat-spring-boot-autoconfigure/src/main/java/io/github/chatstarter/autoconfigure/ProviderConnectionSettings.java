package io.github.chatstarter.autoconfigure;

import io.github.chatstarter.autoconfigure.ChatProperties.Provider;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.client.ProxySettings;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Adds what the Spring Boot integration configures per provider to the builder of its
 * {@link ProviderSettings}: proxy, SSL bundle and body logging, failing with the name of
 * the property that is wrong.
 */
final class ProviderConnectionSettings {

	private ProviderConnectionSettings() {
	}

	static void configure(ProviderSettings.Builder settings, String prefix, Provider provider,
			ChatProperties properties, @Nullable SslBundles sslBundles) {
		Boolean logBodies = provider.getLogBodies();
		settings.logBodies((logBodies != null) ? logBodies : properties.getLogging().isBodies())
			.proxy(proxy(prefix + "proxy.", provider.getProxy()))
			.sslBundle(sslBundle(prefix + "ssl.bundle", provider.getSsl().getBundle(), sslBundles));
	}

	private static @Nullable ProxySettings proxy(String prefix, Provider.Proxy proxy) {
		String host = proxy.getHost();
		if (host == null || host.isBlank()) {
			if (proxy.getPort() != null || proxy.getUsername() != null) {
				throw new InvalidChatPropertyException(prefix + "host", "missing while other proxy properties are set",
						"set the proxy's host name, or remove the " + prefix + "* properties to connect directly");
			}
			return null;
		}
		if (proxy.getPort() == null) {
			throw new InvalidChatPropertyException(prefix + "port", "missing",
					"set the proxy's port, such as 7890 for HTTP or 1080 for SOCKS5");
		}
		try {
			return new ProxySettings(proxy.getType(), host.strip(), proxy.getPort(), proxy.getUsername(),
					proxy.getPassword(), proxy.getNonProxyHosts());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidChatPropertyException(prefix.substring(0, prefix.length() - 1),
					String.valueOf(ex.getMessage()),
					"give a host, a port between 1 and 65535, and a username with any password", ex);
		}
	}

	private static @Nullable SslBundle sslBundle(String property, @Nullable String name,
			@Nullable SslBundles sslBundles) {
		if (name == null || name.isBlank()) {
			return null;
		}
		if (sslBundles == null) {
			throw new InvalidChatPropertyException(property, "no SSL bundles are available",
					"define the bundle under spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name);
		}
		try {
			return sslBundles.getBundle(name.strip());
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidChatPropertyException(property, "there is no SSL bundle named '" + name + "'",
					"define it under spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name
							+ ", or correct the name",
					ex);
		}
	}

}

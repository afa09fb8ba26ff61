package io.github.chatstarter.client;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP or SOCKS5 proxy a provider is reached through, with the hosts that bypass it.
 * Immutable.
 *
 * @param type kind of proxy
 * @param host proxy host
 * @param port proxy port
 * @param username user for proxy authentication, or {@code null} for none
 * @param password password for proxy authentication, or {@code null}
 * @param nonProxyHosts hosts reached directly: exact names or patterns with {@code *},
 * such as {@code *.internal.example}, as in the JDK's {@code http.nonProxyHosts}
 */
public record ProxySettings(Type type, String host, int port, @Nullable String username, @Nullable String password,
		List<String> nonProxyHosts) {

	public ProxySettings {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(host, "host");
		if (host.isBlank()) {
			throw new IllegalArgumentException("A proxy needs a host");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("Proxy port " + port + " is not between 1 and 65535");
		}
		if (password != null && username == null) {
			throw new IllegalArgumentException("A proxy password needs a username");
		}
		nonProxyHosts = List.copyOf(nonProxyHosts);
		nonProxyHosts.forEach((pattern) -> {
			if (pattern.isBlank()) {
				throw new IllegalArgumentException("A non-proxy host is blank");
			}
		});
	}

	/**
	 * A proxy without authentication that every host goes through.
	 */
	public static ProxySettings of(Type type, String host, int port) {
		return new ProxySettings(type, host, port, null, null, List.of());
	}

	/**
	 * The non-proxy hosts as the regular expression Reactor Netty expects, or
	 * {@code null} when every host goes through the proxy.
	 */
	public @Nullable String nonProxyHostsPattern() {
		if (this.nonProxyHosts.isEmpty()) {
			return null;
		}
		return this.nonProxyHosts.stream()
			.map((host) -> host.strip().toLowerCase(Locale.ROOT))
			.map((host) -> Pattern.quote(host).replace("*", "\\E.*\\Q"))
			.collect(Collectors.joining("|"));
	}

	@Override
	public String toString() {
		return "ProxySettings{type=" + this.type + ", host=" + this.host + ", port=" + this.port + ", username="
				+ this.username + ", password=" + ((this.password != null) ? "******" : null) + ", nonProxyHosts="
				+ this.nonProxyHosts + "}";
	}

	/**
	 * Kind of proxy.
	 */
	public enum Type {

		/** An HTTP proxy, used with {@code CONNECT} tunnels. */
		HTTP,

		/** A SOCKS version 5 proxy. */
		SOCKS5

	}

}

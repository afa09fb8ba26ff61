package io.github.chatstarter.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A successful probe of a provider: the URL it fetched, the HTTP status and how long the
 * answer took.
 *
 * @param uri the URL fetched
 * @param statusCode the 2xx status of the answer
 * @param latency time until the response headers arrived
 */
public record ProviderProbe(URI uri, int statusCode, Duration latency) {

	public ProviderProbe {
		Objects.requireNonNull(uri, "uri");
		Objects.requireNonNull(latency, "latency");
	}

}

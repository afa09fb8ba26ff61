package io.github.chatstarter.model;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The {@code stream_options} of a streamed request.
 */
@JsonModel
public final class StreamOptions {

	private @Nullable Boolean includeUsage;

	private StreamOptions() {
	}

	private StreamOptions(boolean includeUsage) {
		this.includeUsage = includeUsage;
	}

	/**
	 * Asks for a last chunk with the token usage and no choices.
	 */
	public static StreamOptions includeUsage() {
		return new StreamOptions(true);
	}

	/**
	 * Whether the stream ends with a chunk carrying the usage ({@code include_usage}).
	 * @return the flag or {@code null} when not sent
	 */
	public @Nullable Boolean isIncludeUsage() {
		return this.includeUsage;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other
				|| (other instanceof StreamOptions that && Objects.equals(this.includeUsage, that.includeUsage));
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(this.includeUsage);
	}

	@Override
	public String toString() {
		return "StreamOptions{includeUsage=" + this.includeUsage + "}";
	}

}

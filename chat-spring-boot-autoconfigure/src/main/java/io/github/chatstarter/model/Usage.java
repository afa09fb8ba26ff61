package io.github.chatstarter.model;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Tokens a call used; counts a provider left out read as zero.
 */
@JsonModel
public final class Usage extends UnknownFields {

	private @Nullable Integer promptTokens;

	private @Nullable Integer completionTokens;

	private @Nullable Integer totalTokens;

	private @Nullable Map<String, Object> promptTokensDetails;

	private @Nullable Map<String, Object> completionTokensDetails;

	private Usage() {
	}

	private Usage(int promptTokens, int completionTokens, int totalTokens) {
		this(promptTokens, completionTokens, totalTokens, null, null, null);
	}

	private Usage(int promptTokens, int completionTokens, int totalTokens,
			@Nullable Map<String, Object> promptTokensDetails, @Nullable Map<String, Object> completionTokensDetails,
			@Nullable Map<String, Object> extra) {
		super(extra);
		this.promptTokens = promptTokens;
		this.completionTokens = completionTokens;
		this.totalTokens = totalTokens;
		this.promptTokensDetails = promptTokensDetails;
		this.completionTokensDetails = completionTokensDetails;
	}

	/**
	 * Usage with the given counts; the total is their sum.
	 * @param promptTokens tokens of the prompt
	 * @param completionTokens tokens of the answer
	 * @return the usage
	 */
	public static Usage of(int promptTokens, int completionTokens) {
		return new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
	}

	/**
	 * The tokens of this call and the other together, as the calls of a tool loop add up:
	 * prompt, completion and total tokens, and the numbers of the details and of vendor
	 * fields (such as DeepSeek's {@code prompt_cache_hit_tokens}) name by name; a value
	 * that is not a number, such as a flag, is the other's.
	 */
	public Usage plus(Usage other) {
		Objects.requireNonNull(other, "other");
		return new Usage(promptTokens() + other.promptTokens(), completionTokens() + other.completionTokens(),
				totalTokens() + other.totalTokens(), Counts.add(this.promptTokensDetails, other.promptTokensDetails),
				Counts.add(this.completionTokensDetails, other.completionTokensDetails),
				Counts.add(extraOrNull(), other.extraOrNull()));
	}

	/**
	 * The usage of several calls so far: the earlier calls' plus this call's (see
	 * {@link #plus(Usage)}). A call that reported none counts as nothing; {@code null}
	 * while no call reported any.
	 */
	public static @Nullable Usage total(@Nullable Usage earlier, @Nullable Usage call) {
		if (earlier == null || call == null) {
			return (earlier != null) ? earlier : call;
		}
		return earlier.plus(call);
	}

	/**
	 * Tokens of the prompt.
	 * @return the count
	 */
	public int promptTokens() {
		return (this.promptTokens != null) ? this.promptTokens : 0;
	}

	/**
	 * Tokens of the answer, reasoning included.
	 * @return the count
	 */
	public int completionTokens() {
		return (this.completionTokens != null) ? this.completionTokens : 0;
	}

	/**
	 * Total tokens as reported, or prompt plus completion when the provider left it out.
	 */
	public int totalTokens() {
		return (this.totalTokens != null) ? this.totalTokens : promptTokens() + completionTokens();
	}

	/**
	 * Reasoning tokens within the completion tokens
	 * ({@code completion_tokens_details.reasoning_tokens}).
	 */
	public int reasoningTokens() {
		return detail(this.completionTokensDetails, "reasoning_tokens");
	}

	/**
	 * Prompt tokens served from the provider's cache
	 * ({@code prompt_tokens_details.cached_tokens}).
	 */
	public int cachedTokens() {
		return detail(this.promptTokensDetails, "cached_tokens");
	}

	/**
	 * Breakdown of the prompt tokens as the provider sent it (for example
	 * {@code cached_tokens}).
	 * @return the details, empty when none
	 */
	public Map<String, Object> promptTokensDetails() {
		return Extras.view(this.promptTokensDetails);
	}

	/**
	 * Breakdown of the answer tokens as the provider sent it (for example
	 * {@code reasoning_tokens}).
	 * @return the details, empty when none
	 */
	public Map<String, Object> completionTokensDetails() {
		return Extras.view(this.completionTokensDetails);
	}

	private static int detail(@Nullable Map<String, Object> details, String name) {
		return (details != null && details.get(name) instanceof Number number) ? number.intValue() : 0;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof Usage that && promptTokens() == that.promptTokens()
				&& completionTokens() == that.completionTokens() && totalTokens() == that.totalTokens());
	}

	@Override
	public int hashCode() {
		return Objects.hash(promptTokens(), completionTokens(), totalTokens());
	}

	@Override
	public String toString() {
		return "Usage{promptTokens=" + promptTokens() + ", completionTokens=" + completionTokens() + ", totalTokens="
				+ totalTokens() + "}";
	}

}

package io.github.chatstarter.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One part of a multimodal user message: text, or an image by URL (or {@code data:} URL)
 * for vision models.
 */
@JsonModel
public final class ContentPart extends UnknownFields {

	private static final String THINKING = "thinking";

	private String type = "";

	private @Nullable String text;

	private @Nullable ImageUrl imageUrl;

	private ContentPart() {
	}

	private ContentPart(String type, @Nullable String text, @Nullable ImageUrl imageUrl) {
		this.type = type;
		this.text = text;
		this.imageUrl = imageUrl;
	}

	/**
	 * A text part.
	 * @param text the text
	 * @return the part
	 */
	public static ContentPart text(String text) {
		return new ContentPart("text", Objects.requireNonNull(text, "text"), null);
	}

	/**
	 * An image part: an {@code http(s)} URL or a {@code data:} URL with the image inline.
	 * @param url the image's URL
	 * @return the part
	 */
	public static ContentPart imageUrl(String url) {
		return new ContentPart("image_url", null, new ImageUrl(url, null));
	}

	/**
	 * An image part with a detail level ({@code low}, {@code high} or {@code auto}).
	 */
	public static ContentPart imageUrl(String url, String detail) {
		return new ContentPart("image_url", null, new ImageUrl(url, Objects.requireNonNull(detail, "detail")));
	}

	/**
	 * A {@code thinking} part, as Mistral's reasoning (magistral) models write their
	 * reasoning: {@code {"type": "thinking", "thinking": [{"type": "text", "text": …}]}}.
	 * @param text the reasoning
	 * @return the part
	 */
	public static ContentPart thinking(String text) {
		ContentPart part = new ContentPart(THINKING, null, null);
		part.putExtra(THINKING, List.of(Map.of("type", "text", "text", Objects.requireNonNull(text, "text"))));
		return part;
	}

	/**
	 * Type of the part: {@code text} or {@code image_url}.
	 * @return the type
	 */
	public String type() {
		return this.type;
	}

	/**
	 * Text of a {@code text} part.
	 * @return the text or {@code null}
	 */
	public @Nullable String text() {
		return this.text;
	}

	/**
	 * Reasoning of a {@code thinking} part (Mistral): the text of its {@code thinking}
	 * items joined, or the item itself when a server sends it as one string.
	 * @return the reasoning, or {@code null} for other parts
	 */
	public @Nullable String thinking() {
		if (!THINKING.equals(this.type)) {
			return null;
		}
		Object thinking = extra().get(THINKING);
		if (thinking instanceof String text) {
			return text;
		}
		if (!(thinking instanceof List<?> items)) {
			return null;
		}
		StringBuilder text = new StringBuilder();
		for (Object item : items) {
			if (item instanceof Map<?, ?> map && map.get("text") instanceof String piece) {
				text.append(piece);
			}
			else if (item instanceof String piece) {
				text.append(piece);
			}
		}
		return text.toString();
	}

	/**
	 * Image of an {@code image_url} part.
	 * @return the image or {@code null}
	 */
	public @Nullable ImageUrl imageUrl() {
		return this.imageUrl;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ContentPart that && this.type.equals(that.type)
				&& Objects.equals(this.text, that.text) && Objects.equals(this.imageUrl, that.imageUrl));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, this.text, this.imageUrl);
	}

	@Override
	public String toString() {
		return "ContentPart{type=" + this.type + ((this.text != null) ? ", text=" + this.text : "")
				+ ((this.imageUrl != null) ? ", " + this.imageUrl : "") + "}";
	}

	/**
	 * The image of an {@code image_url} part.
	 */
	@JsonModel
	public static final class ImageUrl {

		private String url = "";

		private @Nullable String detail;

		private ImageUrl() {
		}

		ImageUrl(String url, @Nullable String detail) {
			this.url = Objects.requireNonNull(url, "url");
			this.detail = detail;
		}

		/**
		 * URL of the image.
		 * @return the URL
		 */
		public String url() {
			return this.url;
		}

		/**
		 * Detail level the model looks at the image with.
		 * @return the level or {@code null} for the provider's default
		 */
		public @Nullable String detail() {
			return this.detail;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return this == other || (other instanceof ImageUrl that && this.url.equals(that.url)
					&& Objects.equals(this.detail, that.detail));
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.url, this.detail);
		}

		@Override
		public String toString() {
			// data: URLs can be megabytes of base64; show their start only.
			String shown = (this.url.length() > 80) ? this.url.substring(0, 80) + "…" : this.url;
			return "ImageUrl{url=" + shown + ((this.detail != null) ? ", detail=" + this.detail : "") + "}";
		}

	}

}

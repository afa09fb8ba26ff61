package io.github.chatstarter.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the fields of a JSON object that its type has no property for: the one
 * implementation of {@link VendorFields}. Filled only while Jackson reads the object or a
 * builder builds it.
 */
abstract class UnknownFields implements VendorFields {

	private @Nullable Map<String, Object> extra;

	UnknownFields() {
	}

	UnknownFields(@Nullable Map<String, ? extends @Nullable Object> extra) {
		this.extra = Extras.copy(extra);
	}

	@Override
	@JsonAnyGetter
	public Map<String, Object> extra() {
		return Extras.view(this.extra);
	}

	@JsonAnySetter
	void putExtra(String name, @Nullable Object value) {
		this.extra = Extras.put(this.extra, name, value);
	}

	/**
	 * The fields as stored, for copies of this object; {@code null} when there are none.
	 */
	@Nullable Map<String, Object> extraOrNull() {
		return this.extra;
	}

}

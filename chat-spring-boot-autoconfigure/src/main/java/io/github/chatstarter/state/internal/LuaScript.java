package io.github.chatstarter.state.internal;

import java.util.Objects;

import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A Lua script whose SHA-1 is computed once. Spring Data's {@code RedisScript.of} takes a
 * lock on every {@code getSha1()} (its source may change); two calls on one event loop
 * thread at once then park it, which BlockHound rejects and a reactive application must
 * not do. Our scripts never change.
 *
 * @param <T> the script's result type
 */
public final class LuaScript<T> implements RedisScript<T> {

	private final String source;

	private final Class<T> resultType;

	private final String sha1;

	private LuaScript(String source, Class<T> resultType) {
		this.source = source;
		this.resultType = resultType;
		this.sha1 = new DefaultRedisScript<>(source, resultType).getSha1();
	}

	/**
	 * A script of the given source and result type.
	 * @param <T> the result type
	 * @param source the Lua source
	 * @param resultType the result type
	 * @return the script
	 */
	public static <T> LuaScript<T> of(String source, Class<T> resultType) {
		return new LuaScript<>(Objects.requireNonNull(source, "source"),
				Objects.requireNonNull(resultType, "resultType"));
	}

	@Override
	public String getSha1() {
		return this.sha1;
	}

	@Override
	public Class<T> getResultType() {
		return this.resultType;
	}

	@Override
	public String getScriptAsString() {
		return this.source;
	}

}

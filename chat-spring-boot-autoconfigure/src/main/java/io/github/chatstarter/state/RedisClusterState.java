package io.github.chatstarter.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.chatstarter.state.internal.LuaScript;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * State shared through Redis, over the application's reactive connection. A bucket
 * operation is one atomic Lua script (one round trip, no compare-and-set loop, so it
 * holds under contention on a hot key); the time is Redis's own, so instances' clocks do
 * not matter. Marks are written at once and read by every instance every refresh
 * interval.
 * <p>
 * Redis faults never fail a call: a command that fails or takes longer than the command
 * timeout switches this instance to its local state (a warning, once), and the refresher
 * tries Redis again every interval and switches back when it answers (an info message).
 */
public final class RedisClusterState implements ClusterState {

	private static final Log logger = LogFactory.getLog(RedisClusterState.class);

	/**
	 * KEYS: the buckets; ARGV: per-minute and cost of each, then 1 to force (settle),
	 * then the longest wait in milliseconds a reservation may have. Takes all when the
	 * longest wait is within it (a bucket then goes below empty until it is due) and
	 * returns {wait, 0}; otherwise the wait and the (1-based) bucket that needs it.
	 */
	private static final RedisScript<List> TAKE = LuaScript.of("""
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			local force = ARGV[#ARGV - 1] == '1'
			local within = tonumber(ARGV[#ARGV])
			local levels = {}
			local wait = 0
			local longest = 0
			for i, key in ipairs(KEYS) do
			  local cap = tonumber(ARGV[2 * i - 1])
			  local cost = tonumber(ARGV[2 * i])
			  local v = redis.call('HMGET', key, 'tokens', 'at')
			  local tokens = tonumber(v[1])
			  local at = tonumber(v[2])
			  if tokens == nil or at == nil then
			    tokens = cap
			    at = now
			  end
			  local rate = cap / 60000
			  tokens = math.min(cap, tokens + math.max(0, now - at) * rate)
			  levels[i] = tokens
			  if (not force) and cost > 0 and tokens < cost then
			    local w = math.ceil((cost - tokens) / rate)
			    if w > wait then
			      wait = w
			      longest = i
			    end
			  end
			end
			if longest > 0 and wait > within then return {wait, longest} end
			for i, key in ipairs(KEYS) do
			  local cap = tonumber(ARGV[2 * i - 1])
			  local cost = tonumber(ARGV[2 * i])
			  redis.call('HSET', key, 'tokens', tostring(math.min(cap, levels[i] - cost)), 'at', tostring(now))
			  redis.call('PEXPIRE', key, 120000 + within)
			end
			return {wait, 0}
			""", List.class);

	/**
	 * KEYS: the scope's hash; ARGV: member, value (until in epoch milliseconds, '|',
	 * reason), time to live in milliseconds, until. A mark that ends later stays: the
	 * longest cooldown any instance learnt wins, as it does locally.
	 */
	private static final RedisScript<Long> MARK = LuaScript.of("""
			local old = redis.call('HGET', KEYS[1], ARGV[1])
			if old then
			  local ends = tonumber(string.match(old, '^%d+'))
			  if ends and ends >= tonumber(ARGV[4]) then return 0 end
			end
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then
			  redis.call('PEXPIRE', KEYS[1], ARGV[3])
			end
			return 1
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final ClusterSettings settings;

	private final LocalClusterState local = new LocalClusterState(System::nanoTime);

	private final Set<String> scopes = ConcurrentHashMap.newKeySet();

	private final Map<String, Map<String, Mark>> shared = new ConcurrentHashMap<>();

	private final AtomicBoolean down = new AtomicBoolean();

	private volatile @Nullable Instant downSince;

	private final Disposable refresher;

	/**
	 * State shared through the given connection.
	 * @param redis the application's reactive template
	 * @param settings key prefix, command timeout, refresh interval
	 */
	public RedisClusterState(ReactiveStringRedisTemplate redis, ClusterSettings settings) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.settings = Objects.requireNonNull(settings, "settings");
		connect();
		this.refresher = Flux.interval(settings.refreshInterval(), settings.refreshInterval(), Schedulers.parallel())
			.onBackpressureDrop()
			.concatMap((tick) -> refresh(), 1)
			.subscribe();
	}

	/**
	 * Opens the shared connection now, on the starting thread: Lettuce's first connect
	 * blocks, which must not happen on an event-loop thread at the first call.
	 */
	private void connect() {
		try {
			this.redis.execute((connection) -> connection.ping())
				.next()
				.block(this.settings.commandTimeout().multipliedBy(20));
		}
		catch (RuntimeException ex) {
			fallBack(ex);
		}
	}

	@Override
	public Mono<Taken> take(List<Bucket> buckets, Duration within) {
		if (this.down.get()) {
			return this.local.take(local(buckets), within);
		}
		return run(TAKE, keys(buckets), args(buckets, false, within)).map(RedisClusterState::taken)
			.onErrorResume((failure) -> fallBack(failure).then(this.local.take(local(buckets), within)));
	}

	@Override
	public Mono<Void> settle(List<Bucket> buckets) {
		if (this.down.get()) {
			return this.local.settle(local(buckets));
		}
		return run(TAKE, keys(buckets), args(buckets, true, Duration.ZERO)).then()
			.onErrorResume((failure) -> fallBack(failure).then(this.local.settle(local(buckets))));
	}

	@Override
	public void setAside(String scope, String member, Mark mark) {
		this.local.setAside(scope, member, mark);
		this.scopes.add(scope);
		if (!this.down.get()) {
			share(scope, member, mark).subscribe();
		}
	}

	private Mono<Void> share(String scope, String member, Mark mark) {
		long until = mark.until().toEpochMilli();
		long ttl = Math.max(1, until - System.currentTimeMillis());
		return run(MARK, List.of(markKey(scope)),
				List.of(member, until + "|" + mark.reason(), String.valueOf(ttl), String.valueOf(until)))
			.then()
			.onErrorResume((failure) -> fallBack(failure));
	}

	@Override
	public @Nullable Mark setAside(String scope, String member) {
		if (this.scopes.add(scope)) {
			refresh(scope).subscribe();
		}
		Mark mine = this.local.setAside(scope, member);
		Map<String, Mark> marks = this.shared.get(scope);
		Mark theirs = (marks != null) ? marks.get(member) : null;
		if (theirs == null || !theirs.until().isAfter(Instant.now())) {
			return mine;
		}
		return (mine == null || theirs.until().isAfter(mine.until())) ? theirs : mine;
	}

	/**
	 * Reads the scope's marks before returning when called at startup (bounded by the
	 * command timeout), so that an instance that joins late skips what the others set
	 * aside from its first call; on an event loop the read goes on in the background.
	 */
	@Override
	public void watch(String scope) {
		if (!this.scopes.add(scope) || this.down.get()) {
			return;
		}
		if (Schedulers.isInNonBlockingThread()) {
			refresh(scope).subscribe();
		}
		else {
			refresh(scope).block();
		}
	}

	@Override
	public boolean isShared() {
		return !this.down.get();
	}

	@Override
	public @Nullable Instant localSince() {
		return this.down.get() ? this.downSince : null;
	}

	@Override
	public void close() {
		this.refresher.dispose();
	}

	/** The buckets at this instance's share, while Redis is away. */
	private List<Bucket> local(List<Bucket> buckets) {
		if (this.settings.localShare() >= 1) {
			return buckets;
		}
		List<Bucket> local = new ArrayList<>(buckets.size());
		buckets.forEach((bucket) -> local.add(this.settings.local(bucket)));
		return local;
	}

	private Mono<Void> refresh() {
		if (this.down.get()) {
			return this.redis.execute((connection) -> connection.ping())
				.next()
				.timeout(this.settings.commandTimeout())
				.flatMap((pong) -> {
					if (!this.down.compareAndSet(true, false)) {
						return Mono.empty();
					}
					this.downSince = null;
					logger.info("Redis answers again: chat rate limits and provider state are shared again");
					return shareWhatWasLearntAlone();
				})
				.onErrorResume((failure) -> Mono.empty())
				.then();
		}
		return Flux.fromIterable(new ArrayList<>(this.scopes)).concatMap(this::refresh).then();
	}

	/**
	 * Keys and providers this instance set aside while Redis was away are written now, so
	 * the others skip them too.
	 */
	private Mono<Void> shareWhatWasLearntAlone() {
		List<Mono<Void>> writes = new ArrayList<>();
		this.local.forEachMark((scope, member, mark) -> writes.add(share(scope, member, mark)));
		return Flux.concat(writes).then();
	}

	private Mono<Void> refresh(String scope) {
		return this.redis.<String, String>opsForHash()
			.entries(markKey(scope))
			.collectMap(Map.Entry::getKey, (entry) -> parse(entry.getValue()))
			.timeout(this.settings.commandTimeout())
			.doOnNext((marks) -> this.shared.put(scope, Map.copyOf(marks)))
			.onErrorResume((failure) -> fallBack(failure).then(Mono.empty()))
			.then();
	}

	private static Mark parse(String value) {
		int bar = value.indexOf('|');
		try {
			return new Mark(Instant.ofEpochMilli(Long.parseLong((bar < 0) ? value : value.substring(0, bar))),
					(bar < 0) ? "" : value.substring(bar + 1));
		}
		catch (NumberFormatException ex) {
			return new Mark(Instant.EPOCH, "unreadable");
		}
	}

	private static Taken taken(List<?> reply) {
		long wait = ((Number) reply.get(0)).longValue();
		int bucket = ((Number) reply.get(1)).intValue();
		return (bucket == 0) ? Taken.reserved(Duration.ofMillis(wait)) : new Taken(Duration.ofMillis(wait), bucket - 1);
	}

	private <R> Mono<R> run(RedisScript<R> script, List<String> keys, List<String> args) {
		// Off Lettuce's single I/O thread: what follows an answer (the admission, the
		// call itself) must not delay the other instances' replies past the timeout.
		return this.redis.execute(script, keys, args)
			.next()
			.timeout(this.settings.commandTimeout())
			.publishOn(Schedulers.parallel());
	}

	private Mono<Void> fallBack(Throwable failure) {
		if (this.down.compareAndSet(false, true)) {
			this.downSince = Instant.now();
			logger.warn("Redis failed (" + failure + "): chat rate limits and provider state are this instance's "
					+ "own until it answers again");
		}
		return Mono.empty();
	}

	private List<String> keys(List<Bucket> buckets) {
		List<String> keys = new ArrayList<>(buckets.size());
		buckets.forEach((bucket) -> keys.add(this.settings.keyPrefix() + ":bucket:" + bucket.name()));
		return keys;
	}

	private static List<String> args(List<Bucket> buckets, boolean force, Duration within) {
		List<String> args = new ArrayList<>(buckets.size() * 2 + 2);
		for (Bucket bucket : buckets) {
			args.add(String.valueOf(bucket.perMinute()));
			args.add(String.valueOf(bucket.cost()));
		}
		args.add(force ? "1" : "0");
		args.add(String.valueOf(within.toMillis()));
		return args;
	}

	private String markKey(String scope) {
		return this.settings.keyPrefix() + ":aside:" + scope;
	}

}

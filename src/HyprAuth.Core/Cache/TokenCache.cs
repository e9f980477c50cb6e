using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Cache.Persistent;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Keys;

namespace HyprAuth.Core.Cache;

/// <summary>
/// Access tokens by credential, shared by the whole process (every runspace), in memory. HYPR limits the
/// active tokens per client (1201093), so a needless exchange is a fault: concurrent callers for one credential
/// wait on one exchange, tokens are reused until shortly before expiry, and a failed renewal keeps serving a
/// token that is still valid.
/// <para>
/// A failure never costs a handle its entry once the entry has had a token: the failure goes to the callers, the
/// next attempt waits a moment (<see cref="RenewalRetryInterval"/> while the token is valid,
/// <see cref="FailedRenewalBackoff"/> once it has expired; callers meanwhile get the same failure), and the next
/// call after that exchanges again. Only an entry whose first exchange failed, whose handle nobody holds, is removed.
/// </para>
/// <para>
/// Persistence is opt-in per request (<see cref="TokenRequest.CacheScope"/> = <see cref="TokenCacheScope.CurrentUser"/>):
/// then every exchange of that credential goes through <see cref="PersistentStore"/> (read, exchange, write under a
/// lock across processes), so later processes find the token on disk. Memory comes first: a token in memory is
/// handed out without touching the disk, and a token read from disk is kept in memory.
/// </para>
/// <para>
/// Key ownership: <see cref="GetTokenAsync(TokenRequest, bool, IHyprEvents, CancellationToken)"/> takes ownership
/// of the request's <see cref="HyprSigningKey"/>. The cache keeps it in a new entry (to renew without the caller),
/// or disposes it when an entry for the same key already exists or the first exchange fails (not when it is cancelled:
/// the entry and its key are kept for the next caller). The caller must not
/// use or dispose the key after the call. <see cref="Clear"/> disposes the keys of the entries it removes.
/// </para>
/// </summary>
public sealed class TokenCache
{
    public static readonly TimeSpan DefaultMinimumValidity = TimeSpan.FromSeconds(60);

    /// <summary>After a renewal failed while the token is still valid, the wait before the next attempt (1201093: until expiry).</summary>
    public static readonly TimeSpan RenewalRetryInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After an exchange failed with no valid token left, the wait before the next attempt: short, since callers get
    /// errors meanwhile, but enough that a loop of calls does not hammer a failing token endpoint, each attempt
    /// perhaps minting a token that never arrives (1201093).
    /// </summary>
    public static readonly TimeSpan FailedRenewalBackoff = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After a token the API rejected was renewed, a rejection within this window gets no other exchange: the API's
    /// 401 is the answer. So an API that rejects every token costs one extra token a minute, not one per call.
    /// </summary>
    public static readonly TimeSpan DefaultRejectedRenewalWindow = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, CacheEntry> entries = new ConcurrentDictionary<string, CacheEntry>(StringComparer.Ordinal);
    private readonly TokenClient client;
    private readonly TimeProvider clock;
    private long minimumValidityTicks = DefaultMinimumValidity.Ticks;
    private long rejectedRenewalWindowTicks = DefaultRejectedRenewalWindow.Ticks;

    /// <param name="clock">Tests' simulated time; internal, like <see cref="ApiClient"/>'s.</param>
    internal TokenCache(TokenClient? client = null, TimeProvider? clock = null, PersistentTokenStore? persistentStore = null)
    {
        this.client = client ?? new TokenClient();
        this.clock = clock ?? TimeProvider.System;
        PersistentStore = persistentStore ?? new PersistentTokenStore();
    }

    /// <summary>The process-wide cache: static, so every runspace in the process shares it.</summary>
    public static TokenCache Shared { get; } = new TokenCache();

    /// <summary>The tokens on disk of requests with <see cref="TokenCacheScope.CurrentUser"/>; lists and clears them too.</summary>
    public PersistentTokenStore PersistentStore { get; }

    /// <summary>The time its tokens expire by, so a held token's expiry is judged by the same clock.</summary>
    internal TimeProvider Clock => clock;

    /// <summary>
    /// A token is handed out only with this much validity left, and renewed before. For tokens that live less
    /// than twice this long, half their lifetime is used instead, or they would be renewed at every call.
    /// </summary>
    public TimeSpan MinimumValidity
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref minimumValidityTicks));
        set => Interlocked.Exchange(ref minimumValidityTicks, UpToAnHour(value, "MinimumValidity", "The minimum validity"));
    }

    /// <summary>At most one renewal per entry for a token the API rejected within this window (default 60 s, up to 1 hour).</summary>
    public TimeSpan RejectedRenewalWindow
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref rejectedRenewalWindowTicks));
        set => Interlocked.Exchange(ref rejectedRenewalWindowTicks, UpToAnHour(value, "RejectedRenewalWindow", "The window"));
    }

    private static long UpToAnHour(TimeSpan value, string name, string what) =>
        value >= TimeSpan.Zero && value <= TimeSpan.FromHours(1)
            ? value.Ticks
            : throw new HyprArgumentException(name, what + " must be between 0 and 1 hour.");

    /// <summary>A token for the request's credential: cached, renewed, or exchanged; <paramref name="forceRefresh"/> always exchanges.</summary>
    public async Task<CachedToken> GetTokenAsync(TokenRequest request, bool forceRefresh, IHyprEvents events, CancellationToken cancellationToken)
    {
        try
        {
            EndpointPolicy.EnsureAllowed(request.TokenEndpoint, "TokenEndpoint");
        }
        catch (HyprArgumentException)
        {
            // Refused before anything happened; the key was handed over all the same.
            request.SigningKey?.Dispose();
            throw;
        }

        var key = CacheKey.For(request);
        var transport = request.Transport;
        var wantsPersistent = request.CacheScope == TokenCacheScope.CurrentUser && request.CanRenew;
        while (true)
        {
            var entry = entries.GetOrAdd(key, _ => NewEntry(key, request));
            Plan plan;
            bool becamePersistent;
            lock (entry.Gate)
            {
                if (entry.Retired)
                {
                    if (request.SigningKey != null && ReferenceEquals(request.SigningKey, entry.OwnedKey))
                    {
                        // Cleared between its creation and now, and the key with it.
                        throw Cleared(entry.Handle);
                    }

                    continue;
                }

                becamePersistent = wantsPersistent && !entry.Persistent;
                entry.Persistent |= wantsPersistent;
                plan = Decide(entry, forceRefresh, transport, events);
            }

            if (request.SigningKey != null && !ReferenceEquals(request.SigningKey, entry.OwnedKey))
            {
                // The entry has its own copy of this very key (same thumbprint); the caller handed this one over.
                request.SigningKey.Dispose();
            }

            if (request.CacheScope == TokenCacheScope.CurrentUser && !request.CanRenew)
            {
                // A fixed assertion lives minutes and is refused once used (jti), so no later process could present
                // it again to claim the token: writing that token to disk would only leave a secret lying there.
                events.Verbose($"The token of {entry.Handle} comes from a fixed client " +
                    "assertion, so it is cached in this session only, not on disk.");
            }

            var cached = await CompleteAsync(entry, plan, forceRefresh, events, cancellationToken).ConfigureAwait(false);
            if (becamePersistent && !(plan.Flight?.UsesStore ?? false))
            {
                // A token got for this process only: written now, or the next process would exchange again.
                await PersistentStore.SaveAsync(key, entry.Template, cached.Token, clock, events, cancellationToken).ConfigureAwait(false);
            }

            return cached;
        }
    }

    /// <summary>The token of an entry, renewed if needed, for a caller that presented the credential earlier.</summary>
    /// <param name="transport">How an exchange this call starts is sent; null for the settings the entry was created with.</param>
    public async Task<CachedToken> GetTokenAsync(TokenCacheHandle handle, TransportOptions? transport, IHyprEvents events,
        CancellationToken cancellationToken)
    {
        var entry = Find(handle);
        Plan plan;
        lock (entry.Gate)
        {
            ThrowIfRetired(entry);
            plan = Decide(entry, false, transport, events);
        }

        return await CompleteAsync(entry, plan, false, events, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For an API that rejected <paramref name="rejectedAccessToken"/>: exchanges once for all callers and returns the
    /// new token, or the token someone else already got in its place. The rejected token stays in the entry until its
    /// replacement arrives (a 401 may come from one bad node while the token is fine). At most one such renewal per
    /// entry within <see cref="RejectedRenewalWindow"/>, and none while HYPR throttles the client: an API that rejects
    /// every token must not make the cache mint token after token against HYPR's cap (1201093).
    /// </summary>
    /// <param name="transport">How an exchange this call starts is sent; null for the settings the entry was created with.</param>
    /// <exception cref="HyprTokenUnavailableException">No new token: the renewal was withheld or failed, or the token cannot be
    /// renewed.</exception>
    public async Task<CachedToken> RenewRejectedAsync(TokenCacheHandle handle, string rejectedAccessToken, TransportOptions? transport,
        IHyprEvents events, CancellationToken cancellationToken)
    {
        var entry = Find(handle);
        Plan plan;
        lock (entry.Gate)
        {
            ThrowIfRetired(entry);
            var current = entry.Current;
            if (current == null || !string.Equals(current.AccessToken, rejectedAccessToken, StringComparison.Ordinal))
            {
                // Already replaced (or dropped): the usual rules give the caller the newer token.
                plan = Decide(entry, false, transport, events);
            }
            else if (!entry.Template.CanRenew)
            {
                if (entry.InFlight == null)
                {
                    Remove(entry);
                }

                throw new HyprTokenUnavailableException(
                    TokenUnavailableReason.CannotRenew,
                    $"The token of {handle} was rejected, and it came from a fixed client " +
                        "assertion, so it cannot be renewed. Pass a new assertion or the client key.");
            }
            else if (entry.InFlight != null)
            {
                entry.InFlight.Join(events);
                plan = Plan.Wait(entry.InFlight);
            }
            else
            {
                var now = clock.GetUtcNow();
                var notBefore = Max(entry.RejectedRenewalAt + RejectedRenewalWindow, entry.RenewalBlockedUntil);
                if (entry.RejectedRenewalAt != default && now < notBefore)
                {
                    throw Withheld(handle, notBefore, entry.RenewalBlockedUntil > now
                        ? $"HYPR throttled the last exchange ({HyprErrorCodes.TokenExchangeThrottled})"
                        : $"it was renewed after a rejection less than {WholeSeconds.Of(RejectedRenewalWindow)} s ago");
                }

                if (now < entry.RenewalBlockedUntil)
                {
                    throw Withheld(handle, entry.RenewalBlockedUntil, "renewing it failed a moment ago");
                }

                entry.RejectedAccessToken = rejectedAccessToken;
                entry.RejectedRenewalAt = now;
                events.Verbose($"The token of {handle} was rejected; getting a new one.");
                plan = Decide(entry, false, transport, events, replaceCurrent: true);
            }
        }

        try
        {
            // Failures come back as they are, not as the token still held: that is the one just rejected.
            return await CompleteAsync(entry, plan, true, events, cancellationToken).ConfigureAwait(false);
        }
        catch (HyprAuthException failure) when (!(failure is HyprTokenUnavailableException))
        {
            DateTimeOffset notBefore;
            lock (entry.Gate)
            {
                notBefore = Max(entry.RejectedRenewalAt + RejectedRenewalWindow, entry.RenewalBlockedUntil);
            }

            throw Withheld(handle, notBefore, $"getting a new one failed ({failure.Message.TrimEnd('.')})");
        }
    }

    /// <summary>The entries that hold a token, without any secret.</summary>
    public IReadOnlyList<TokenCacheEntryInfo> List() =>
        entries.Values.Select(Info).OfType<TokenCacheEntryInfo>().OrderBy(info => info.TokenEndpoint.AbsoluteUri, StringComparer.Ordinal)
            .ThenBy(info => info.ClientId, StringComparer.Ordinal).ToList();

    private static TokenCacheEntryInfo? Info(CacheEntry entry)
    {
        lock (entry.Gate)
        {
            return entry.Retired || entry.Current is not TokenResult token
                ? null
                : new TokenCacheEntryInfo(entry.Handle, entry.Template.Audience, token.Scopes, token.IssuedAt, token.ExpiresAt, entry.KeyThumbprint);
        }
    }

    /// <summary>Removes the entries <paramref name="predicate"/> selects (all when null) and disposes their keys; returns how many.</summary>
    public int Clear(Func<TokenCacheHandle, bool>? predicate = null)
    {
        var removed = 0;
        foreach (var entry in entries.Values)
        {
            if (predicate != null && !predicate(entry.Handle))
            {
                continue;
            }

            HyprSigningKey? keyToDispose = null;
            lock (entry.Gate)
            {
                if (entry.Retired)
                {
                    continue;
                }

                keyToDispose = Remove(entry);
                removed++;
            }

            keyToDispose?.Dispose();
        }

        return removed;
    }

    private CacheEntry NewEntry(string key, TokenRequest request)
    {
        var template = request.SigningKey != null ? request.Copy() : request;
        var handle = new TokenCacheHandle(this, key, request.TokenEndpoint, request.ClientId, request.CanRenew);
        return new CacheEntry(handle, template);
    }

    private CacheEntry Find(TokenCacheHandle handle) =>
        ReferenceEquals(handle.Cache, this) && entries.TryGetValue(handle.Key, out var entry) ? entry : throw Cleared(handle);

    private static void ThrowIfRetired(CacheEntry entry)
    {
        if (entry.Retired)
        {
            throw Cleared(entry.Handle);
        }
    }

    private static HyprTokenUnavailableException Cleared(TokenCacheHandle handle) =>
        new HyprTokenUnavailableException(
            TokenUnavailableReason.Cleared,
            $"The token cache no longer holds {handle}; it was cleared. Get a token with the client key again.");

    /// <summary>Under the entry's lock: hand out the cached token, or the recent failure, or join (or start) the exchange.</summary>
    /// <param name="replaceCurrent">Exchange even though the current token is valid (the API rejected it), but unlike
    /// <paramref name="forceRefresh"/> accept another token the persistent store holds.</param>
    private Plan Decide(CacheEntry entry, bool forceRefresh, TransportOptions? transport, IHyprEvents events, bool replaceCurrent = false)
    {
        var now = clock.GetUtcNow();
        var current = entry.Current;
        var useCurrent = !forceRefresh && !replaceCurrent;
        if (useCurrent && current != null && HasMinimumValidity(current, now))
        {
            return Plan.Ready(new CachedToken(current, true, entry.Handle));
        }

        if (entry.InFlight == null)
        {
            if (useCurrent && current != null && entry.IsValid(now) && (now < entry.RenewalBlockedUntil || !entry.Template.CanRenew))
            {
                var why = entry.Template.CanRenew ? "renewing it failed a moment ago"
                    : "it came from a fixed client assertion and cannot be renewed";
                return Plan.Ready(new CachedToken(current, true, entry.Handle),
                    $"The token of {entry.Handle} expires in {WholeSeconds.Of(current.ExpiresAt - now)} s and {why}; it is used as it is.");
            }

            if (useCurrent && current != null && !entry.Template.CanRenew)
            {
                Remove(entry);
                throw new HyprTokenUnavailableException(
                    TokenUnavailableReason.CannotRenew,
                    $"The token of {entry.Handle} expired at {current.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, and it " +
                        "came from a fixed client assertion, so it cannot be renewed. Pass a new assertion or the client key.");
            }

            if (!forceRefresh && current == null && entry.LastFailure != null && now < entry.RenewalBlockedUntil)
            {
                return Plan.Fail(
                    entry.LastFailure,
                    $"Getting the token of {entry.Handle} failed moments ago; the next attempt is at " +
                        $"{entry.RenewalBlockedUntil.UtcDateTime:HH:mm:ss}Z, and until then that failure is the answer.");
            }

            var template = transport == null ? entry.Template : entry.Template.Copy(transport);
            var rejected = entry.RejectedAccessToken;
            Func<TokenResult, bool>? storedIsUsable = entry.Persistent
                ? stored => !forceRefresh && HasMinimumValidity(stored, clock.GetUtcNow())
                    && !string.Equals(stored.AccessToken, rejected, StringComparison.Ordinal)
                : (Func<TokenResult, bool>?)null;
            entry.InFlight =
                new SharedExchange((flight, fanOut, token) => RunExchangeAsync(entry, template, storedIsUsable, flight, fanOut, token), events,
                storedIsUsable != null);
            return Plan.Wait(entry.InFlight);
        }

        entry.InFlight.Join(events);
        return Plan.Wait(entry.InFlight);
    }

    private async Task<CachedToken> CompleteAsync(CacheEntry entry, Plan plan, bool forceRefresh, IHyprEvents events,
        CancellationToken cancellationToken)
    {
        if (plan.Flight == null)
        {
            if (plan.Failure != null)
            {
                events.Verbose(plan.Message!);
                plan.Failure.Throw();
            }

            if (plan.Message != null)
            {
                events.Warning(plan.Message);
            }

            return plan.Token!;
        }

        try
        {
            // The exchange or the caller's cancellation, whichever comes first: a caller that gives up stops waiting at
            // once, and the others go on waiting. Awaited here, not in a method of SharedExchange: one async layer fewer
            // for a fresh process to JIT-compile (docs/performance.md).
            var abandoned = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = cancellationToken.Register(() => abandoned.TrySetResult(true));
            if (await Task.WhenAny(plan.Flight.Completion, abandoned.Task).ConfigureAwait(false) != plan.Flight.Completion)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            var token = await plan.Flight.Completion.ConfigureAwait(false);
            return new CachedToken(token, plan.Flight.FromStore, entry.Handle);
        }
        catch (Exception failure) when (!forceRefresh && !(failure is OperationCanceledException) && StillValid(entry) is TokenResult current)
        {
            events.Warning($"Renewing the token of {entry.Handle} failed ({failure.Message.TrimEnd('.')}); the " +
                $"cached token, valid for {WholeSeconds.Of(current.ExpiresAt - clock.GetUtcNow())} s more, is used meanwhile.");
            return new CachedToken(current, true, entry.Handle);
        }
        finally
        {
            lock (entry.Gate)
            {
                if (plan.Flight.Leave(events) && entry.InFlight == plan.Flight)
                {
                    // Everyone gave up: the next caller starts afresh rather than join a cancelled exchange.
                    entry.InFlight = null;
                }
            }
        }
    }

    /// <summary>Exchanges, through the persistent store when <paramref name="storedIsUsable"/> says which stored token would do.</summary>
    private async Task<TokenResult> RunExchangeAsync(CacheEntry entry, TokenRequest request, Func<TokenResult, bool>? storedIsUsable,
        SharedExchange flight, IHyprEvents events, CancellationToken cancellationToken)
    {
        HyprSigningKey? keyToDispose = null;
        try
        {
            TokenResult token;
            if (storedIsUsable == null)
            {
                token = await client.RequestTokenAsync(request, events, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                (token, flight.FromStore) = await PersistentStore.GetOrExchangeAsync(
                    entry.Handle.Key,
                    request,
                    storedIsUsable,
                    exchangeCancellation => client.RequestTokenAsync(request, events, exchangeCancellation),
                    clock,
                    events,
                    cancellationToken).ConfigureAwait(false);
            }

            lock (entry.Gate)
            {
                if (!entry.Retired)
                {
                    entry.Current = token;
                    entry.HadToken = true;
                    entry.LastFailure = null;
                    entry.RejectedAccessToken = null;
                    entry.RenewalBlockedUntil = default;
                }
            }

            return token;
        }
        catch (Exception failure)
        {
            lock (entry.Gate)
            {
                if (entry.InFlight == flight)
                {
                    entry.InFlight = null;
                }

                // Cancelled means every caller gave up (Ctrl+C), which says nothing of the server: the entry stays as it
                // was. A newer exchange, started once this one was abandoned, decides for itself.
                if (!entry.Retired && entry.InFlight == null && !(failure is OperationCanceledException))
                {
                    keyToDispose = AfterFailure(entry, failure);
                }
            }

            throw;
        }
        finally
        {
            lock (entry.Gate)
            {
                if (entry.InFlight == flight)
                {
                    entry.InFlight = null;
                }

                if (entry.Retired && entry.InFlight == null)
                {
                    keyToDispose = entry.OwnedKey;
                }
            }

            keyToDispose?.Dispose();
        }
    }

    /// <summary>
    /// Under the entry's lock, after a failed exchange: the entry of a first exchange goes (nobody holds its handle,
    /// and the next caller starts from scratch with its own key; returns the key to dispose); any other stays, with
    /// its key, and waits a moment before the next attempt.
    /// </summary>
    private HyprSigningKey? AfterFailure(CacheEntry entry, Exception failure)
    {
        if (!entry.HadToken)
        {
            return Remove(entry);
        }

        var now = clock.GetUtcNow();
        if (entry.IsValid(now))
        {
            entry.RenewalBlockedUntil = IsThrottled(failure) ? entry.Current!.ExpiresAt : now + RenewalRetryInterval;
        }
        else
        {
            entry.Current = null;
            entry.LastFailure = ExceptionDispatchInfo.Capture(failure);
            entry.RenewalBlockedUntil = now + FailedRenewalBackoff;
        }

        return null;
    }

    private TokenResult? StillValid(CacheEntry entry)
    {
        lock (entry.Gate)
        {
            return !entry.Retired && entry.IsValid(clock.GetUtcNow()) ? entry.Current : null;
        }
    }

    private bool HasMinimumValidity(TokenResult token, DateTimeOffset now)
    {
        var halfLife = TimeSpan.FromTicks((token.ExpiresAt - token.IssuedAt).Ticks / 2);
        var required = MinimumValidity < halfLife ? MinimumValidity : halfLife;
        return token.ExpiresAt - now >= required;
    }

    /// <summary>Under the entry's lock: retires it and takes it out of the dictionary; returns the key to dispose, if free.</summary>
    private HyprSigningKey? Remove(CacheEntry entry)
    {
        var free = entry.Retire();
        ((ICollection<KeyValuePair<string, CacheEntry>>)entries).Remove(new KeyValuePair<string, CacheEntry>(entry.Handle.Key, entry));
        return free ? entry.OwnedKey : null;
    }

    private static bool IsThrottled(Exception failure) =>
        failure is HyprProtocolException protocol && protocol.HyprErrorCode == HyprErrorCodes.TokenExchangeThrottled;

    private static HyprTokenUnavailableException Withheld(TokenCacheHandle handle, DateTimeOffset notBefore, string why) =>
        new HyprTokenUnavailableException(
            TokenUnavailableReason.RenewalWithheld,
            $"The token of {handle} was rejected, and it is not renewed again before {notBefore.UtcDateTime:HH:mm:ss}Z: " +
                $"{why}. HYPR limits the active tokens of a client ({HyprErrorCodes.TokenExchangeThrottled}).");

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private readonly struct Plan(CachedToken? token, string? message, SharedExchange? flight, ExceptionDispatchInfo? failure)
    {
        public CachedToken? Token { get; } = token;

        /// <summary>With a token, a warning about it; with a failure, why it is rethrown without a new attempt.</summary>
        public string? Message { get; } = message;

        public SharedExchange? Flight { get; } = flight;

        public ExceptionDispatchInfo? Failure { get; } = failure;

        public static Plan Ready(CachedToken token, string? warning = null) => new Plan(token, warning, null, null);

        public static Plan Wait(SharedExchange flight) => new Plan(null, null, flight, null);

        public static Plan Fail(ExceptionDispatchInfo failure, string why) => new Plan(null, why, null, failure);
    }
}

using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Assertions;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Exchange;

/// <summary>
/// Exchanges a client assertion for an access token at an RFC 7523 token endpoint (HYPR's by default), with
/// bounded retries, clock-skew correction and a local diagnosis of 1201047. Knows nothing of caching.
/// </summary>
public sealed class TokenClient
{
    private readonly HttpMessageInvoker? invoker;
    private readonly TimeProvider clock;
    private readonly ClockSkewTracker clockSkew;

    /// <summary>Uses the process's shared HTTP client for each request's proxy settings.</summary>
    public TokenClient()
        : this(null)
    {
    }

    /// <param name="clock">Tests' simulated time; internal, like <see cref="ApiClient"/>'s.</param>
    internal TokenClient(HttpMessageInvoker? invoker, TimeProvider? clock = null, ClockSkewTracker? clockSkew = null)
    {
        this.invoker = invoker;
        this.clock = clock ?? TimeProvider.System;
        this.clockSkew = clockSkew ?? ClockSkewTracker.Shared;
    }

    public async Task<TokenResult> RequestTokenAsync(TokenRequest request, IHyprEvents events, CancellationToken cancellationToken)
    {
        EndpointPolicy.EnsureAllowed(request.TokenEndpoint, "TokenEndpoint");
        var endpoint = EndpointPolicy.WithoutQuery(request.TokenEndpoint);
        var retries = new RetryWaiter(request.Transport.RetryPolicy, clock, events);
        var correctedForSkew = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var assertion = CreateAssertion(request, clock.GetUtcNow());
            AttemptOutcome outcome;
            try
            {
                outcome = await AttemptAsync(request, endpoint, assertion, events, cancellationToken).ConfigureAwait(false);
            }
            catch (HyprTransportException failure) when (RetryRules.ExchangeFailure(failure, request.CanRenew) && retries.CanRetry)
            {
                await retries.WaitAsync(failure.Message.TrimEnd('.'), default, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (outcome.Token != null)
            {
                return outcome.Token;
            }

            var error = outcome.Error!;
            if (error.HyprErrorCode == HyprErrorCodes.InvalidTokenExchange && outcome.RevealedSkew && request.CanRenew && !correctedForSkew)
            {
                correctedForSkew = true;
                events.Verbose($"The exchange at {endpoint.Authority} failed with {HyprErrorCodes.InvalidTokenExchange} and its " +
                    "clock is off from ours; retrying at once with an assertion dated by its clock.");
                continue;
            }

            if (RetryRules.ExchangeStatus(outcome.StatusCode, error.HyprErrorCode, request.CanRenew) && retries.CanRetryAfter(outcome.RetryAfter))
            {
                await retries.WaitAsync($"HTTP {outcome.StatusCode} from {endpoint}", outcome.RetryAfter,
                    cancellationToken).ConfigureAwait(false);
                continue;
            }

            var exception =
                new HyprProtocolException(outcome.StatusCode, endpoint, error, outcome.RetryAfter.Delay, isTokenExchange: true,
                headers: outcome.Headers, retryAt: outcome.RetryAfter.From(clock.GetUtcNow()));
            throw error.HyprErrorCode == HyprErrorCodes.InvalidTokenExchange
                ? AssertionDiagnosis.Attach(exception, assertion, request, clockSkew.ServerNow(endpoint, clock.GetUtcNow())) : exception;
        }
    }

    /// <summary>The fixed assertion, or one signed for this attempt: a new jti every time, dated by the token endpoint's clock.</summary>
    private string CreateAssertion(TokenRequest request, DateTimeOffset localNow) =>
        request.SigningKey == null
            ? request.Assertion!
            : ClientAssertionFactory.Create(
                request.SigningKey,
                new ClientAssertionRequest
                {
                    ClientId = request.ClientId,
                    KeyId = request.KeyId,
                    Issuer = request.Issuer,
                    Audience = request.Audience,
                    Lifetime = request.AssertionLifetime,
                },
                clockSkew.ServerNow(request.TokenEndpoint, localNow)).Jwt;

    private async Task<AttemptOutcome> AttemptAsync(TokenRequest request, Uri endpoint, string assertion, IHyprEvents events,
        CancellationToken cancellationToken)
    {
        using var attempt = new TimedAttempt(request.TokenEndpoint, request.Transport.Timeout, cancellationToken);
        using var message = BuildMessage(request, assertion);
        var sentAt = clock.GetUtcNow();
        using var response =
            await attempt.SendAsync(invoker ?? HttpClientProvider.For(request.TokenEndpoint, request.Transport.Proxy), message).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var revealedSkew = IsJson(response) && clockSkew.Observe(endpoint, response.Headers.Date, clock.GetUtcNow(), events);
        if (status >= 300 && status < 400)
        {
            throw new HyprRedirectException(endpoint, status, response.Headers.Location,
                "the token endpoint never follows redirects (that would re-send " +
                "the assertion); give the final URI as the token endpoint.");
        }

        if (response.IsSuccessStatusCode)
        {
            var body = await attempt.ReadBodyAsync(response, TokenResponseParser.MaximumBodyBytes).ConfigureAwait(false);
            return AttemptOutcome.Success(TokenResponseParser.Parse(body, status, endpoint, request.ClientId, sentAt, events));
        }

        var errorBody = await attempt.ReadBodyAsync(response, ServerErrorParser.MaximumParsedBytes).ConfigureAwait(false);
        var error = ServerErrorParser.Parse(errorBody, response.Headers, new[] { assertion });
        var retryAfter = RetryAfter.Read(response, clock.GetUtcNow());
        return AttemptOutcome.Failure(status, error, retryAfter, revealedSkew, ResponseHeaders.Of(response));
    }

    // Only the token endpoint's own answers (JSON, success or HYPR's error) date assertions: not a proxy's HTML page.
    private static bool IsJson(HttpResponseMessage response) =>
        response.Content?.Headers.ContentType?.MediaType is string mediaType
            && (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static HttpRequestMessage BuildMessage(TokenRequest request, string assertion) =>
        new HttpRequestMessage(HttpMethod.Post, request.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new[]
            {
                new KeyValuePair<string, string>("client_assertion_type", HyprDefaults.ClientAssertionType),
                new KeyValuePair<string, string>("client_assertion", assertion),
                new KeyValuePair<string, string>("grant_type", request.GrantType),
            }),
            Headers = { { "Accept", "application/json" }, { "User-Agent", UserAgent.Value } },
        };

    private sealed class AttemptOutcome(TokenResult? token, int statusCode, ServerError? error, RetryAfter retryAfter, bool revealedSkew,
        IReadOnlyDictionary<string, string[]> headers)
    {
        public TokenResult? Token { get; } = token;

        public int StatusCode { get; } = statusCode;

        public ServerError? Error { get; } = error;

        public RetryAfter RetryAfter { get; } = retryAfter;

        public bool RevealedSkew { get; } = revealedSkew;

        public IReadOnlyDictionary<string, string[]> Headers { get; } = headers;

        public static AttemptOutcome Success(TokenResult token) => new AttemptOutcome(token, 200, null, default, false, ResponseHeaders.None);

        public static AttemptOutcome Failure(int statusCode, ServerError error, RetryAfter retryAfter, bool revealedSkew,
            IReadOnlyDictionary<string, string[]> headers) =>
            new AttemptOutcome(null, statusCode, error, retryAfter, revealedSkew, headers);
    }
}

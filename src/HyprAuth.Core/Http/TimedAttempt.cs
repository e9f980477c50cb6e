using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Http;

/// <summary>
/// One HTTP request and the reading of its body, bounded by a timeout of its own (a linked token, so
/// callers with different timeouts share one HttpClient). Turns transport failures into engine exceptions.
/// </summary>
internal sealed class TimedAttempt(Uri endpoint, TimeSpan timeout, CancellationToken callerToken) : IDisposable
{
    // The caller's cancellation and this attempt's timeout in one source: cancelled while the caller's is not means timed out.
    private readonly CancellationTokenSource linkedSource = StartTimer(CancellationTokenSource.CreateLinkedTokenSource(callerToken), timeout);

    public Uri Endpoint { get; } = EndpointPolicy.WithoutQuery(endpoint);

    /// <summary>
    /// Returns once the headers are in: the body is left to <see cref="ReadBodyAsync"/>, which caps it. (HttpClient
    /// would otherwise buffer the whole body first, however large; a bare invoker never buffers.) The caller
    /// disposes the response; this attempt's timeout goes on covering the body until the attempt is disposed.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMessageInvoker invoker, HttpRequestMessage request)
    {
        try
        {
            return invoker is HttpClient client
                ? await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linkedSource.Token).ConfigureAwait(false)
                : await invoker.SendAsync(request, linkedSource.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (Translate(exception) is Exception translated)
        {
            throw translated;
        }
    }

    /// <summary>Reads at most <paramref name="maximumBytes"/>; the rest is left unread and reported through ExceededLimit.</summary>
    public async Task<ResponseBody> ReadBodyAsync(HttpResponseMessage response, int maximumBytes)
    {
        var contentType = response.Content?.Headers.ContentType;
        ResponseBody Body(byte[] bytes, long length, bool exceeded) => new(bytes, length, exceeded, contentType?.MediaType, contentType?.CharSet);

        // .NET Framework leaves Content null on a response without a body.
        var announced = response.Content?.Headers.ContentLength;
        if (response.Content == null || announced > maximumBytes)
        {
            return Body([], announced ?? 0, announced > maximumBytes);
        }

        try
        {
            // Some stream implementations (.NET Framework) ignore the token in ReadAsync; disposing the response aborts them.
            using var abort = linkedSource.Token.Register(response.Dispose);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            do
            {
                var wanted = (int)Math.Min(chunk.Length, maximumBytes + 1L - buffer.Length);
                read = await stream.ReadAsync(chunk, 0, wanted, linkedSource.Token).ConfigureAwait(false);
                buffer.Write(chunk, 0, read);
            }
            while (read > 0 && buffer.Length <= maximumBytes);

            return Body(buffer.ToArray(), buffer.Length, buffer.Length > maximumBytes);
        }
        catch (Exception exception) when (Translate(exception) is Exception translated)
        {
            throw translated;
        }
    }

    public void Dispose() => linkedSource.Dispose();

    private Exception? Translate(Exception exception) => exception switch
    {
        _ when callerToken.IsCancellationRequested => new OperationCanceledException(callerToken),
        _ when linkedSource.IsCancellationRequested => new HyprTimeoutException(Endpoint, timeout),

        // .NET reports a refused certificate as an AuthenticationException inside the HttpRequestException.
        _ when Chain(exception).OfType<AuthenticationException>().FirstOrDefault() is { } tls => new HyprTlsException(
            Endpoint,
            $"The TLS certificate of {Endpoint.Host} was not trusted, so nothing was sent: " +
                $"{SecretRedactor.Redact(tls.Message).TrimEnd('.')}. Check the address (the certificate must be for " +
                $"{Endpoint.Host}), and that this computer trusts the authority that issued it; HyprAuth never skips certificate validation.",
            tls),
        HttpRequestException when IsUnknownHost(exception) => new HyprTransportException(
            Endpoint,
            $"The host name {Endpoint.Host} could not be resolved (DNS: {Describe(exception)}); check the tenant address.",
            exception,
            retryable: false),
        HttpRequestException or IOException =>
            new HyprTransportException(Endpoint, $"The connection to {Endpoint.Authority} failed: {Describe(exception)}", exception),
        ObjectDisposedException =>
            new HyprTransportException(Endpoint, $"The connection to {Endpoint.Authority} was closed while the response was read."),
        _ => null,
    };

    // An infinite timeout starts no timer.
    private static CancellationTokenSource StartTimer(CancellationTokenSource source, TimeSpan timeout)
    {
        source.CancelAfter(timeout);
        return source;
    }

    /// <summary>The name does not exist (not a DNS server that failed for now, which TryAgain reports).</summary>
    private static bool IsUnknownHost(Exception exception) =>
        Chain(exception).OfType<SocketException>().Any(socket => socket.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData);

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current != null; current = current.InnerException)
        {
            yield return current;
        }
    }

    // The innermost message names the actual cause (connection refused, reset, TLS); none holds a secret.
    private static string Describe(Exception exception)
    {
        var innermost = Chain(exception).Last();
        var message = SecretRedactor.Redact(innermost.Message);
        return string.IsNullOrEmpty(message) ? innermost.GetType().Name : message;
    }
}

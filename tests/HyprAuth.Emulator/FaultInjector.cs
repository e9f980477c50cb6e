using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace HyprAuth.Emulator;

/// <summary>Queued faults, served in queue order to the requests they match, so tests can exercise a client's error paths.</summary>
internal sealed class FaultInjector
{
    private const string TruncatedJson = "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"hypap-";
    private readonly List<PendingFault> queue = [];
    private readonly Counters counters;
    private int queued;

    public FaultInjector(Counters counters) => this.counters = counters;

    public int Pending => Volatile.Read(ref queued);

    public void Enqueue(FaultSpec fault)
    {
        fault.Validate();
        lock (queue)
        {
            int count = fault.Count ?? 1;
            queue.Add(new PendingFault(fault, count));
            queued += count;
        }
    }

    public void Clear()
    {
        lock (queue)
        {
            queue.Clear();
            queued = 0;
        }
    }

    /// <summary>Serves the first queued fault matching the request; false when none matched or the fault only delays.</summary>
    public async Task<bool> TryServeAsync(HttpContext context)
    {
        FaultSpec? fault = TryTake(context.Request.Path.Value ?? string.Empty, context.Request.Query);
        if (fault is null)
        {
            return false;
        }

        counters.CountFaultServed();
        if (fault.DelayMs is > 0)
        {
            await Task.Delay(fault.DelayMs.Value, context.RequestAborted);
        }

        HttpResponse response = context.Response;
        if (fault.RetryAfter is not null)
        {
            response.Headers.RetryAfter = fault.RetryAfter;
        }

        switch (fault.Kind)
        {
            case "delay" when fault.Status is null:
                return false;
            case "delay" or "status":
                response.StatusCode = fault.Status!.Value;
                if (fault.Body is not null)
                {
                    response.ContentType = fault.ContentType ?? "application/json";
                    await response.WriteAsync(fault.Body, context.RequestAborted);
                }

                return true;
            case "malformed-json":
                response.StatusCode = fault.Status ?? StatusCodes.Status200OK;
                response.ContentType = "application/json";
                await response.WriteAsync(TruncatedJson, context.RequestAborted);
                return true;
            case "html":
                int status = fault.Status ?? StatusCodes.Status502BadGateway;
                string title = $"{status} {ReasonPhrases.GetReasonPhrase(status)}";
                response.StatusCode = status;
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(
                    $"<!DOCTYPE html>\n<html><head><title>{title}</title></head><body><h1>{title}</h1><hr><p>nginx</p></body></html>\n",
                    context.RequestAborted);
                return true;
            case "close":
                // Headers promise a full body; the connection dies part-way through it.
                byte[] body = Encoding.UTF8.GetBytes(TruncatedJson + "0000-0000\",\"scope\":\"hypr:rp:report\"}");
                response.StatusCode = fault.Status ?? StatusCodes.Status200OK;
                response.ContentType = "application/json";
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(100, context.RequestAborted); // let the client read the headers before the connection dies
                context.Abort();
                return true;
            case "reset":
                context.Abort();
                return true;
            default: // redirect
                response.StatusCode = fault.Status ?? StatusCodes.Status307TemporaryRedirect;
                response.Headers.Location = fault.Location
                    ?? $"http://localhost:{context.Connection.LocalPort}" +
                        $"{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
                return true;
        }
    }

    private FaultSpec? TryTake(string path, IQueryCollection query)
    {
        if (Volatile.Read(ref queued) == 0)
        {
            return null;
        }

        lock (queue)
        {
            for (int i = 0; i < queue.Count; i++)
            {
                PendingFault pending = queue[i];
                if (!Matches(pending.Spec.Route, path) || !MatchesQuery(pending.Spec.Query, query))
                {
                    continue;
                }

                queued--;
                if (--pending.Remaining == 0)
                {
                    queue.RemoveAt(i);
                }

                return pending.Spec;
            }
        }

        return null;
    }

    private static bool Matches(string route, string path) => route switch
    {
        FaultSpec.TokenRoute => path.Equals(TokenExchangeEndpoint.Path, StringComparison.OrdinalIgnoreCase),
        FaultSpec.ApiRoute => path.StartsWith(ApiEndpoints.Prefix, StringComparison.OrdinalIgnoreCase),
        _ => path.Equals(route, StringComparison.OrdinalIgnoreCase),
    };

    private static bool MatchesQuery(string? wanted, IQueryCollection query)
    {
        if (string.IsNullOrEmpty(wanted))
        {
            return true;
        }

        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in QueryHelpers.ParseQuery(wanted))
        {
            if (!query.TryGetValue(name, out Microsoft.Extensions.Primitives.StringValues actual) || !values.All(value => actual.Contains(value)))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class PendingFault(FaultSpec spec, int remaining)
    {
        public FaultSpec Spec { get; } = spec;
        public int Remaining { get; set; } = remaining;
    }
}

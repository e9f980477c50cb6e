using System;
using System.Globalization;

namespace HyprAuth.Core.Errors;

/// <summary>One request took longer than its timeout and was abandoned.</summary>
public sealed class HyprTimeoutException(Uri endpoint, TimeSpan timeout)
    : HyprAuthException(string.Format(CultureInfo.InvariantCulture, "{0} did not answer within {1:0.###} s.", endpoint, timeout.TotalSeconds))
{
    public Uri Endpoint { get; } = endpoint;

    public TimeSpan Timeout { get; } = timeout;
}

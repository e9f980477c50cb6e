using System;
using System.Globalization;

namespace HyprAuth.Core.Errors;

/// <summary>One request took longer than its timeout and was abandoned.</summary>
public sealed class HyprTimeoutException : HyprAuthException
{
    public HyprTimeoutException(Uri endpoint, TimeSpan timeout)
        : base(string.Format(CultureInfo.InvariantCulture, "{0} did not answer within {1:0.###} s.", endpoint, timeout.TotalSeconds))
    {
        Endpoint = endpoint;
        Timeout = timeout;
    }

    public Uri Endpoint { get; }

    public TimeSpan Timeout { get; }
}

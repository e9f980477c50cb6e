namespace HyprAuth.Core.Errors;

/// <summary>An argument other than the key is unusable (an expiry in the past, an http:// tenant that is not loopback...).</summary>
public sealed class HyprArgumentException : HyprAuthException
{
    public HyprArgumentException(string parameterName, string message)
        : base(message)
    {
        ParameterName = parameterName;
    }

    public string ParameterName { get; }
}

namespace HyprAuth.Core.Http;

/// <summary>The User-Agent of every request: HyprAuth/&lt;version&gt;, so a tenant's logs show who called.</summary>
public static class UserAgent
{
    public static readonly string Value = "HyprAuth/" + (typeof(UserAgent).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
}

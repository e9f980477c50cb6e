using System.Reflection;

namespace HyprAuth.Core.Http;

/// <summary>The User-Agent of every request: HyprAuth/&lt;version&gt;, so a tenant's logs show who called.</summary>
public static class UserAgent
{
    public static readonly string Value = "HyprAuth/" + Version();

    private static string Version()
    {
        var version = typeof(UserAgent).Assembly.GetName().Version;
        return version == null ? "0.0.0" : version.ToString(3);
    }
}

namespace HyprAuth.Core.Cache;

/// <summary>Where the token cache keeps a token.</summary>
public enum TokenCacheScope
{
    /// <summary>In memory, for this process only; nothing is written to disk. The default.</summary>
    Process,

    /// <summary>
    /// Also in a file only the current user can read (DPAPI on Windows, mode 0600 elsewhere), so that later
    /// processes of the same user (a scheduled task run every few minutes) reuse the token instead of minting one.
    /// </summary>
    CurrentUser,
}

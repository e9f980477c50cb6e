namespace HyprAuth;

/// <summary>Where a token is cached: in this process only (the default), or also on disk for the current user.</summary>
public enum HyprTokenCacheLocation
{
    /// <summary>In memory, shared by every runspace of the process; gone when the process ends.</summary>
    Process,

    /// <summary>Also in the current user's profile (DPAPI on Windows, a 0600 file elsewhere), for scheduled tasks.</summary>
    CurrentUser,
}

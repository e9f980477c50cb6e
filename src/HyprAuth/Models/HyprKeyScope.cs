namespace HyprAuth;

/// <summary>Where Import-HyprClientKey stores a client key in Windows key storage (CNG).</summary>
public enum HyprKeyScope
{
    /// <summary>The current user's key store: only this user's processes reach it.</summary>
    CurrentUser,

    /// <summary>The computer's key store, where a service account or gMSA granted access finds it.</summary>
    LocalMachine,
}

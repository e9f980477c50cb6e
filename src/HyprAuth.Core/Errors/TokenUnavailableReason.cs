namespace HyprAuth.Core.Errors
{
    public enum TokenUnavailableReason
    {
        /// <summary>The cache entry was cleared (Clear-HyprTokenCache); the key is gone with it.</summary>
        Cleared,

        /// <summary>The token came from a fixed assertion and has expired or was rejected; only a new assertion or the key can get another.</summary>
        CannotRenew,
    }
}

namespace HyprAuth.Core.Errors;

/// <summary>Why the persistent token cache refused to work. Each value maps to its own stable ErrorId in the cmdlets.</summary>
public enum TokenStoreErrorReason
{
    /// <summary>The cache folder lets group or others in (Linux, macOS); it must be 0700.</summary>
    FolderPermissionsTooBroad,

    /// <summary>A cache file lets group or others in (Linux, macOS); it must be 0600.</summary>
    FilePermissionsTooBroad,

    /// <summary>The cache folder or a cache file belongs to another user (Linux, macOS): it may have planted a token.</summary>
    NotOwned,

    /// <summary>The cache folder or a cache file is a symbolic link (Linux, macOS); links are never followed.</summary>
    SymbolicLink,

    /// <summary>The cache folder or its lock file cannot be created or opened.</summary>
    Inaccessible,
}

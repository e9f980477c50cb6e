namespace HyprAuth;

/// <summary>Where Connect-Hypr got the client key of a connection.</summary>
public enum HyprKeySource
{
    /// <summary>-ClientKey: a string or a SecureString given to the cmdlet.</summary>
    Parameter,

    /// <summary>-KeyPath, or HYPR_CLIENT_KEY_PATH with -EnvironmentVariable: a key file (HyprConnection.KeyPath names it).</summary>
    File,

    /// <summary>HYPR_CLIENT_KEY with -EnvironmentVariable.</summary>
    Environment,

    /// <summary>-KeyName: a client key in Windows key storage (Import-HyprClientKey), which never leaves it.</summary>
    KeyStore,
}

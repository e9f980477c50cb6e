namespace HyprAuth;

/// <summary>A client key in Windows key storage, as Import-HyprClientKey stored it or Remove-HyprClientKey deleted it: no secret.</summary>
public sealed class HyprStoredClientKey
{
    internal HyprStoredClientKey(string name, HyprKeyScope scope, string keyThumbprint)
    {
        Name = name;
        Scope = scope;
        KeyThumbprint = keyThumbprint;
    }

    /// <summary>The name -KeyName takes.</summary>
    public string Name { get; }

    public HyprKeyScope Scope { get; }

    /// <summary>The RFC 7638 thumbprint of the key's public half (the default kid): which key this is, not the key.</summary>
    public string KeyThumbprint { get; }

    public override string ToString() => Name;
}

namespace HyprAuth.Core.Paging;

/// <summary>What the next request must carry to get the next page: a page token or a page number, by name.</summary>
public sealed class PageParameter(string name, string value, long? number = null)
{
    public string Name { get; } = name;

    public string Value { get; } = value;

    /// <summary>The page number, for a JSON body that carries it as a number rather than text; null for a token.</summary>
    public long? Number { get; } = number;

    public override string ToString() => Name + "=" + Value;
}

namespace HyprAuth.Core.Paging;

/// <summary>What the next request must carry to get the next page: a page token or a page number, by name.</summary>
public sealed class PageParameter
{
    public PageParameter(string name, string value, long? number = null)
    {
        Name = name;
        Value = value;
        Number = number;
    }

    public string Name { get; }

    public string Value { get; }

    /// <summary>The page number, for a JSON body that carries it as a number rather than text; null for a token.</summary>
    public long? Number { get; }

    public override string ToString() => Name + "=" + Value;
}

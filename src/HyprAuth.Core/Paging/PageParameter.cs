namespace HyprAuth.Core.Paging
{
    /// <summary>What the next request must carry to get the next page: a page token or a page number, by name.</summary>
    public sealed class PageParameter
    {
        public PageParameter(string name, string value)
        {
            Name = name;
            Value = value;
        }

        public string Name { get; }

        public string Value { get; }

        public override string ToString() => Name + "=" + Value;
    }
}

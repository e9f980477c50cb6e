using System.Collections;
using System.Collections.Generic;

namespace HyprAuth.Core.Json;

/// <summary>
/// A read-only JSON object that keeps its members in the order they were written, so a header or claim set
/// reads back the way it is on the wire. Lookups are linear: these objects have a handful of members.
/// </summary>
internal sealed class OrderedMap<TValue> : IReadOnlyDictionary<string, TValue>
{
    private readonly KeyValuePair<string, TValue>[] members;

    public OrderedMap(KeyValuePair<string, TValue>[] members)
    {
        this.members = members;
    }

    public int Count => this.members.Length;

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var member in this.members)
            {
                yield return member.Key;
            }
        }
    }

    public IEnumerable<TValue> Values
    {
        get
        {
            foreach (var member in this.members)
            {
                yield return member.Value;
            }
        }
    }

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No member '{key}'.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out TValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? this.members[index].Value : default!;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, TValue>>)this.members).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < this.members.Length; i++)
        {
            if (string.Equals(this.members[i].Key, key, System.StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

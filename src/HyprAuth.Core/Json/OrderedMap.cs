using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace HyprAuth.Core.Json;

/// <summary>
/// A read-only JSON object that keeps its members in the order they were written, so a header or claim set
/// reads back the way it is on the wire. Lookups are linear: these objects have a handful of members.
/// </summary>
internal sealed class OrderedMap<TValue>(KeyValuePair<string, TValue>[] members) : IReadOnlyDictionary<string, TValue>
{
    public int Count => members.Length;

    public IEnumerable<string> Keys => members.Select(member => member.Key);

    public IEnumerable<TValue> Values => members.Select(member => member.Value);

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No member '{key}'.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out TValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? members[index].Value : default!;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, TValue>>)members).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key) => Array.FindIndex(members, member => string.Equals(member.Key, key, StringComparison.Ordinal));
}

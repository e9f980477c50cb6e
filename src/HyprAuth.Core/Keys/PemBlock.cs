namespace HyprAuth.Core.Keys;

/// <summary>One "-----BEGIN label-----" ... "-----END label-----" block: its label and where its body lies in the text.</summary>
internal readonly struct PemBlock(string label, int bodyStart, int bodyEnd)
{
    public string Label { get; } = label;

    public int BodyStart { get; } = bodyStart;

    public int BodyEnd { get; } = bodyEnd;
}

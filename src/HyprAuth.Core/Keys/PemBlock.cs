namespace HyprAuth.Core.Keys;

/// <summary>One "-----BEGIN label-----" ... "-----END label-----" block: its label and where its body lies in the text.</summary>
internal readonly struct PemBlock
{
    public PemBlock(string label, int bodyStart, int bodyEnd)
    {
        Label = label;
        BodyStart = bodyStart;
        BodyEnd = bodyEnd;
    }

    public string Label { get; }

    public int BodyStart { get; }

    public int BodyEnd { get; }
}

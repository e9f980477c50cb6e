using System.Collections.Generic;

namespace HyprAuth.Core.Keys;

/// <summary>Object identifiers of key algorithms and curves, with the names refusals use. Unknown ones are never echoed.</summary>
internal static class KeyOids
{
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string P256 = "1.2.840.10045.3.1.7";

    private static readonly Dictionary<string, string> Algorithms = new Dictionary<string, string>
    {
        ["1.2.840.113549.1.1.1"] = "an RSA",
        ["1.2.840.113549.1.1.10"] = "an RSA-PSS",
        ["1.2.840.10040.4.1"] = "a DSA",
        ["1.2.840.113549.1.3.1"] = "a Diffie-Hellman",
        ["1.2.840.10046.2.1"] = "a Diffie-Hellman",
        ["1.3.101.110"] = "an X25519",
        ["1.3.101.111"] = "an X448",
        ["1.3.101.112"] = "an Ed25519",
        ["1.3.101.113"] = "an Ed448",
    };

    private static readonly Dictionary<string, string> Curves = new Dictionary<string, string>
    {
        ["1.2.840.10045.3.1.1"] = "P-192 (secp192r1)",
        ["1.3.132.0.33"] = "P-224 (secp224r1)",
        ["1.3.132.0.34"] = "P-384 (secp384r1)",
        ["1.3.132.0.35"] = "P-521 (secp521r1)",
        ["1.3.132.0.10"] = "secp256k1",
        ["1.3.36.3.3.2.8.1.1.7"] = "brainpoolP256r1",
        ["1.3.36.3.3.2.8.1.1.8"] = "brainpoolP256t1",
        ["1.3.36.3.3.2.8.1.1.11"] = "brainpoolP384r1",
        ["1.3.36.3.3.2.8.1.1.12"] = "brainpoolP384t1",
        ["1.3.36.3.3.2.8.1.1.13"] = "brainpoolP512r1",
        ["1.3.36.3.3.2.8.1.1.14"] = "brainpoolP512t1",
    };

    /// <summary>"an RSA", "an Ed25519"... for a sentence "The client key is {name} key".</summary>
    public static string AlgorithmName(string oid) => Algorithms.TryGetValue(oid, out var name) ? name : "a non-EC";

    public static string CurveName(string oid) => Curves.TryGetValue(oid, out var name) ? name : "an unrecognised curve";
}

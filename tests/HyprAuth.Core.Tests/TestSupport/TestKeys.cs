namespace HyprAuth.Core.Tests.TestSupport
{
    internal static class TestKeys
    {
        /// <summary>The sample Client key from HYPR's documentation (base64 PKCS#8, P-256).</summary>
        public const string ClientKey = "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCCRAVkCsog/IXLcUxrMrlaijsSQhzZTEZzagSivhmpw5A==";
    }
}

using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Cache.Persistent;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Keys;

namespace HyprAuth.TokenStoreProbe;

/// <summary>
/// Usage: HyprAuth.TokenStoreProbe &lt;token endpoint&gt; &lt;client id&gt; &lt;store folder&gt;, with the client key in
/// HYPRAUTH_PROBE_CLIENT_KEY (not on the command line). Prints "ready", waits for a line on stdin so that several
/// probes ask at the same instant, then prints "exchanged &lt;hash&gt;" or "stored &lt;hash&gt;" (SHA-256 of the token, never the token).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        try
        {
            var request =
                new TokenRequest(new Uri(args[0]), args[1], HyprSigningKey.Import(Environment.GetEnvironmentVariable("HYPRAUTH_PROBE_CLIENT_KEY")!))
            {
                CacheScope = TokenCacheScope.CurrentUser,
                Transport = new TransportOptions(TimeSpan.FromSeconds(10)),
            };
            var cache = new TokenCache(persistentStore: new PersistentTokenStore(args[2]));
            Console.WriteLine("ready");
            Console.ReadLine();

            var cached = await cache.GetTokenAsync(request, false, new StandardErrorEvents(), CancellationToken.None);
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(cached.Token.AccessToken)));
            Console.WriteLine((cached.FromCache ? "stored " : "exchanged ") + hash);
            return 0;
        }
        catch (Exception failure)
        {
            Console.Error.WriteLine(failure);
            return 1;
        }
    }

    private sealed class StandardErrorEvents : IHyprEvents
    {
        public void Verbose(string message) => Console.Error.WriteLine("VERBOSE: " + message);

        public void Warning(string message) => Console.Error.WriteLine("WARNING: " + message);

        public void Progress(HyprProgress progress)
        {
        }
    }
}

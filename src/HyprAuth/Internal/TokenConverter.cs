using System.Linq;
using System.Security;
using HyprAuth.Core.Cache;

namespace HyprAuth.Internal;

internal static class TokenConverter
{
    internal static HyprAccessToken ToPublic(CachedToken cached, TokenBinding binding)
    {
        var secure = new SecureString();
        foreach (char character in cached.Token.AccessToken)
        {
            secure.AppendChar(character);
        }

        secure.MakeReadOnly();
        return new HyprAccessToken(
            cached.Token.TokenType,
            secure,
            cached.Token.IssuedAt,
            cached.Token.ExpiresAt,
            cached.Token.Scopes.ToArray(),
            binding.TenantUri,
            cached.Token.ClientId,
            cached.FromCache,
            binding);
    }
}

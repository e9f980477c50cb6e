using System;
using System.Buffers.Text;
using System.Text;
using HyprAuth.Core.Keys;
using Microsoft.IdentityModel.Tokens;

namespace HyprAuth.Core.Assertions;

/// <summary>
/// Writes and signs an assertion's compact JWS (RFC 7515 §7.1) in this thread's scratch buffers: the claims are
/// written as UTF-8 after the template's prefix, base64url-encoded and signed without intermediate strings, so an
/// assertion costs little more than its signature (docs/performance.md). The one string made is the JWT; its
/// signature is cleared from the scratch buffer afterwards.
/// </summary>
internal static class CompactJws
{
    [ThreadStatic]
    private static byte[]? byteScratch;

    [ThreadStatic]
    private static char[]? charScratch;

    private static ReadOnlySpan<byte> Expiry => "\",\"exp\":"u8;

    private static ReadOnlySpan<byte> IssuedAt => ",\"iat\":"u8;

    private static ReadOnlySpan<byte> NotBefore => ",\"nbf\":"u8;

    /// <summary>The template's claims, then <c>jti</c>, <c>exp</c>, <c>iat</c> and <c>nbf</c> (= iat), signed.</summary>
    public static string Sign(HyprSigningKey key, AssertionTemplate template, string jwtId, long expiresAt, long issuedAt)
    {
        // Enough for the claims (prefix, a 36-character jti, three numbers) and for header.claims.signature in base64url.
        var size = template.EncodedHeader.Length + (2 * (template.ClaimsPrefix.Length + jwtId.Length)) + 400;
        var bytes = Scratch(ref byteScratch, size);
        var chars = Scratch(ref charScratch, size);

        template.ClaimsPrefix.CopyTo(bytes, 0);
        var claimsLength = template.ClaimsPrefix.Length;
        claimsLength += Encoding.UTF8.GetBytes(jwtId, 0, jwtId.Length, bytes, claimsLength);
        claimsLength += Member(bytes, claimsLength, Expiry, expiresAt);
        claimsLength += Member(bytes, claimsLength, IssuedAt, issuedAt);
        claimsLength += Member(bytes, claimsLength, NotBefore, issuedAt);
        bytes[claimsLength++] = (byte)'}';

        var header = template.EncodedHeader;
        header.CopyTo(0, chars, 0, header.Length);
        chars[header.Length] = '.';
        var inputLength = header.Length + 1 + Base64UrlEncoder.Encode(bytes.AsSpan(0, claimsLength), chars.AsSpan(header.Length + 1));

        // The claims are encoded: the buffer now takes the signing input's ASCII.
        Encoding.ASCII.GetBytes(chars, 0, inputLength, bytes, 0);
        var signature = key.Sign(bytes, inputLength);
        chars[inputLength] = '.';
        var length = inputLength + 1 + Base64UrlEncoder.Encode(signature, chars.AsSpan(inputLength + 1));
        var jwt = new string(chars, 0, length);
        Array.Clear(chars, inputLength, length - inputLength);
        return jwt;
    }

    private static int Member(byte[] buffer, int at, ReadOnlySpan<byte> name, long value)
    {
        name.CopyTo(buffer.AsSpan(at));
        Utf8Formatter.TryFormat(value, buffer.AsSpan(at + name.Length), out var written);
        return name.Length + written;
    }

    private static T[] Scratch<T>(ref T[]? buffer, int length) =>
        buffer != null && buffer.Length >= length ? buffer : (buffer = new T[Math.Max(length, 1024)]);
}

using System.Runtime.InteropServices;
using System.Security;
using HyprAuth.Core.Keys;
using HyprAuth.Core.Keys.WindowsStore;

namespace HyprAuth.Internal;

/// <summary>Turns -ClientKey (a string or a SecureString), -KeyPath or -KeyName (Windows key storage) into a signing key.</summary>
internal static class KeyMaterial
{
    /// <param name="cmdlet">Warned, as ssh warns, when others can read the key file; the key is used all the same.</param>
    internal static HyprSigningKey Import(object? clientKey, string? keyPath, Cmdlet cmdlet, string? keyName = null)
    {
        if (keyName is not null)
        {
            return WindowsKeyStore.Open(keyName);
        }

        if (keyPath is not null)
        {
            HyprSigningKey key = HyprSigningKey.ImportFile(keyPath);
            if (KeyFileExposure.Check(keyPath) is string warning)
            {
                cmdlet.WriteWarning(warning);
            }

            return key;
        }

        object? value = clientKey is PSObject wrapped ? wrapped.BaseObject : clientKey;
        return value switch
        {
            SecureString secure => ImportSecure(secure),
            string text => HyprSigningKey.Import(text),

            // Name the type, never the value: it may be the key in some other shape.
            _ => throw new HyprException(
                "-ClientKey takes a string or a SecureString holding the Client key; got " + (value?.GetType().FullName ?? "nothing") + ".",
                ErrorIds.ClientKeyWrongType),
        };
    }

    private static HyprSigningKey ImportSecure(SecureString secure)
    {
        IntPtr unmanaged = IntPtr.Zero;
        char[] chars = new char[secure.Length];
        try
        {
            unmanaged = Marshal.SecureStringToGlobalAllocUnicode(secure);
            Marshal.Copy(unmanaged, chars, 0, chars.Length);
            return HyprSigningKey.Import(chars);
        }
        finally
        {
            Array.Clear(chars, 0, chars.Length);
            if (unmanaged != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            }
        }
    }
}

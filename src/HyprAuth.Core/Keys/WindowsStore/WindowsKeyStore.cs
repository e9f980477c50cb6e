using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Keys.WindowsStore;

/// <summary>
/// Client keys kept in Windows key storage (CNG, Microsoft Software Key Storage Provider) under a name: not
/// exportable, readable only by their owner and the accounts named at import (a gMSA, say), so a scheduled task
/// signs without a key file. Every member refuses at once with <see cref="KeyErrorReason.KeyStoreUnsupported"/>
/// off Windows.
/// </summary>
public static class WindowsKeyStore
{
    private static readonly CngProvider Provider = CngProvider.MicrosoftSoftwareKeyStorageProvider;

    public static bool IsSupported => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>Stores the key under <paramref name="name"/>; an existing key of that name is refused, never replaced.</summary>
    public static void Import(string name, HyprSigningKey key, bool machine, IReadOnlyCollection<string> grantAccess)
    {
        RequireWindows();
        if (Exists(name, machine))
        {
            throw new HyprKeyException(
                KeyErrorReason.StoredKeyExists,
                $"A client key named '{name}' is already stored ({ScopeName(machine)}); remove it first with Remove-HyprClientKey.");
        }

        var parameters = new CngKeyCreationParameters
        {
            Provider = Provider,
            ExportPolicy = CngExportPolicies.None,
            KeyCreationOptions = machine ? CngKeyCreationOptions.MachineKey : CngKeyCreationOptions.None,
            KeyUsage = CngKeyUsages.Signing,
        };
        parameters.Parameters.Add(new CngProperty("Security Descr", KeyAccessDescriptor.Create(grantAccess),
            (CngPropertyOptions)KeyAccessDescriptor.DaclSecurityInformation));
        byte[] blob = key.ExportEccPrivateBlob();
        try
        {
            // The private blob set before the key is finalized is imported into the new persisted key.
            parameters.Parameters.Add(new CngProperty(CngKeyBlobFormat.EccPrivateBlob.Format, blob, CngPropertyOptions.None));
            using (CngKey.Create(CngAlgorithm.ECDsaP256, name, parameters))
            {
            }
        }
        catch (CryptographicException exception)
        {
            throw Refusal(exception, name, machine);
        }
        finally
        {
            Array.Clear(blob, 0, blob.Length);
        }
    }

    /// <summary>Opens the stored key: the current user's first, then the computer's (where a service account finds it).</summary>
    public static HyprSigningKey Open(string name)
    {
        RequireWindows();
        foreach (bool machine in new[] { false, true })
        {
            if (!Exists(name, machine))
            {
                continue;
            }

            CngKey key;
            try
            {
                key = CngKey.Open(name, Provider, machine ? CngKeyOpenOptions.MachineKey : CngKeyOpenOptions.None);
            }
            catch (CryptographicException exception)
            {
                throw Refusal(exception, name, machine);
            }

            try
            {
                if (key.Algorithm != CngAlgorithm.ECDsaP256)
                {
                    throw new HyprKeyException(KeyErrorReason.UnsupportedCurve,
                        $"The stored key '{name}' is {key.Algorithm.Algorithm}, not an ECDSA P-256 key.");
                }

                return HyprSigningKey.FromPlatformKey(new ECDsaCng(key));
            }
            finally
            {
                // ECDsaCng holds its own handle to the key.
                key.Dispose();
            }
        }

        throw new HyprKeyException(
            KeyErrorReason.StoredKeyNotFound,
            $"No client key named '{name}' is stored for this user or this computer; store one with Import-HyprClientKey.");
    }

    /// <summary>Deletes the stored key and returns the RFC 7638 thumbprint it had; null when there is none of that name.</summary>
    public static string? Delete(string name, bool machine)
    {
        RequireWindows();
        if (!Exists(name, machine))
        {
            return null;
        }

        try
        {
            using (CngKey key = CngKey.Open(name, Provider, machine ? CngKeyOpenOptions.MachineKey : CngKeyOpenOptions.None))
            {
                string thumbprint;
                using (var ecdsa = new ECDsaCng(key))
                {
                    ECPoint q = ecdsa.ExportParameters(false).Q;
                    thumbprint = new P256PublicKey(q.X!, q.Y!).Thumbprint;
                }

                key.Delete();
                return thumbprint;
            }
        }
        catch (CryptographicException exception)
        {
            throw Refusal(exception, name, machine);
        }
    }

    public static bool Exists(string name, bool machine)
    {
        RequireWindows();
        return CngKey.Exists(name, Provider, machine ? CngKeyOpenOptions.MachineKey : CngKeyOpenOptions.None);
    }

    /// <summary>Throws <see cref="KeyErrorReason.KeyStoreUnsupported"/> off Windows.</summary>
    public static void RequireWindows()
    {
        if (!IsSupported)
        {
            throw new HyprKeyException(
                KeyErrorReason.KeyStoreUnsupported,
                "Stored client keys use Windows key storage (CNG), which this system does not have; use -ClientKey or -KeyPath here.");
        }
    }

    private static HyprKeyException Refusal(CryptographicException exception, string name, bool machine)
    {
        // NTE_PERM and E_ACCESSDENIED: the key's access list does not name this account.
        bool denied = exception.HResult == unchecked((int)0x80090010) || exception.HResult == unchecked((int)0x80070005);
        return denied
            ? new HyprKeyException(KeyErrorReason.StoredKeyAccessDenied,
                $"This account may not use the client key '{name}' ({ScopeName(machine)}); it was not granted access when the key was imported.")
            : new HyprKeyException(KeyErrorReason.MalformedKey,
                $"Windows key storage refused the client key '{name}' ({ScopeName(machine)}): {exception.Message}");
    }

    private static string ScopeName(bool machine) => machine ? "LocalMachine" : "CurrentUser";
}

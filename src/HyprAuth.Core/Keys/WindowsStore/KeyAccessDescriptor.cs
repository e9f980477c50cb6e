using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
using HyprAuth.Core.Errors;
using HyprAuth.Core.IO;

namespace HyprAuth.Core.Keys.WindowsStore;

/// <summary>
/// The security descriptor of a stored client key: full control for its owner, read (which is what signing needs)
/// for each account named, nothing inherited. Accounts become SIDs through advapi32, for the reason
/// <see cref="SecurityDescriptors"/> gives.
/// </summary>
internal static class KeyAccessDescriptor
{
    /// <summary>NCRYPT_SECURITY_DESCR_PROPERTY's flag for the DACL (DACL_SECURITY_INFORMATION).</summary>
    internal const int DaclSecurityInformation = 4;

    internal static byte[] Create(IEnumerable<string> grantAccess)
    {
        // OW (OWNER RIGHTS): the owner, whoever imported the key; P: no inherited entries from the key folder.
        var sddl = new StringBuilder(SecurityDescriptors.OwnerOnlySddl);
        foreach (string account in grantAccess)
        {
            sddl.Append("(A;;GR;;;").Append(SidOf(account)).Append(')');
        }

        return SecurityDescriptors.FromSddl(sddl.ToString());
    }

    internal static string SidOf(string account)
    {
        if (account.StartsWith("S-1-", StringComparison.OrdinalIgnoreCase))
        {
            return account;
        }

        int sidSize = 0;
        int domainSize = 0;
        LookupAccountName(null, account, null, ref sidSize, null, ref domainSize, out _);
        if (sidSize == 0)
        {
            throw new HyprKeyException(
                KeyErrorReason.AccountNotFound,
                $"The account '{account}' was not found (a gMSA is written DOMAIN\\name$); no key was stored.");
        }

        var sid = new byte[sidSize];
        var domain = new StringBuilder(domainSize);
        if (!LookupAccountName(null, account, sid, ref sidSize, domain, ref domainSize, out _))
        {
            throw new HyprKeyException(KeyErrorReason.AccountNotFound,
                $"The account '{account}' could not be looked up: {new Win32Exception(Marshal.GetLastWin32Error()).Message}");
        }

        if (!ConvertSidToStringSid(sid, out IntPtr text))
        {
            throw new Win32Exception(Marshal.GetLastWin32Error());
        }

        try
        {
            return Marshal.PtrToStringUni(text)!;
        }
        finally
        {
            SecurityDescriptors.LocalFree(text);
        }
    }

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true, EntryPoint = "LookupAccountNameW")]
    private static extern bool LookupAccountName(string? systemName, string accountName, byte[]? sid, ref int sidSize, StringBuilder? domainName,
        ref int domainSize, out int use);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true, EntryPoint = "ConvertSidToStringSidW")]
    private static extern bool ConvertSidToStringSid(byte[] sid, out IntPtr stringSid);
}

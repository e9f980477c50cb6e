using HyprAuth.Commands;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Keys.WindowsStore;

namespace HyprAuth.Internal;

/// <summary>The stored-key cmdlets refuse at once, before any prompt or input, where there is no Windows key storage.</summary>
internal static class StoredKeyGuard
{
    internal static void RequireWindows(HyprCmdlet cmdlet, string name)
    {
        try
        {
            WindowsKeyStore.RequireWindows();
        }
        catch (HyprKeyException refusal)
        {
            cmdlet.ThrowFor(refusal, name);
        }
    }
}

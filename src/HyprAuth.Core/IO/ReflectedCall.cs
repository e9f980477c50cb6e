using System;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace HyprAuth.Core.IO;

/// <summary>Runs a call made by reflection and throws the API's own exception (IOException, UnauthorizedAccessException), not reflection's
/// wrapper.</summary>
internal static class ReflectedCall
{
    public static T Unwrapped<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException != null)
        {
            ExceptionDispatchInfo.Capture(wrapped.InnerException).Throw();
            throw;
        }
    }
}
